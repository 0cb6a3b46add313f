import { Injectable } from '@nestjs/common';
import { AuditActor, AuthUser, requireAccess } from '@app/accounts';
import { RequestValidationException } from '@app/common';
import { XLSX_CONTENT_TYPE } from '@app/exports';
import { BulkResultDto } from '../dto/registration.dto';
import { RegistrationService } from '../registration.service';
import { bulkProblem, parseBulkRows, readSheet } from './bulk-registration';
import { UploadGate } from './upload-gate';

/** One per process: at most 2 uploads unpacked at once, 16 more waiting. */
const UPLOADS = new UploadGate(2, 16);

/**
 * Bulk upload of one province's delegates (CSV or XLSX): the file is read within the
 * process's upload bounds, every bad row is reported, or all rows are registered in one
 * transaction by the same rules as the form.
 */
@Injectable()
export class BulkRegistrationService {
  constructor(private readonly registrations: RegistrationService) {}

  async execute(
    sessionId: number,
    upload: Buffer | undefined,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<BulkResultDto> {
    const access = requireAccess(user, { session: sessionId, action: 'registration.upload' });
    if (!upload || upload.length === 0) {
      throw new RequestValidationException([
        {
          path: 'file',
          message: `send a CSV (text/csv) or XLSX (${XLSX_CONTENT_TYPE}) file, as the request body or as the "file" field of a multipart/form-data form`,
          key: 'file-missing',
        },
      ]);
    }
    const rows = await UPLOADS.run(() => readSheet(upload));
    const { inputs, rowNumbers, skipped, errors } = parseBulkRows(rows);
    if (errors.length > 0) throw bulkProblem(errors);
    if (inputs.length === 0) {
      throw bulkProblem([
        { row: rows[0]?.row ?? 1, column: '', message: 'the file lists nobody to register', key: 'nobody-listed' },
      ]);
    }
    const registrations = await this.registrations.registerMany(
      sessionId,
      access.provinceId,
      inputs,
      user,
      actor,
      'bulk',
      rowNumbers,
    );
    return { created: registrations.length, skippedRows: skipped, registrations };
  }
}
