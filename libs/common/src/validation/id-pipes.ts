import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '../errors/problem';

const ID = /^[1-9]\d{0,14}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Path parameters that must be numeric ids; the error names the parameter (`partId`, …). */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (ID.test(value)) return Number(value);
    throw new RequestValidationException([{ path: metadata.data ?? 'id', message: 'must be a positive integer id' }]);
  }
}

/** Path parameters that accept a numeric id or a slug (`tap-huan-ttdn-2025-hcm`). */
@Injectable()
export class IdOrSlugPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if ((ID.test(value) || SLUG.test(value)) && value.length <= 120) return value;
    throw new RequestValidationException([
      { path: metadata.data ?? 'id', message: 'must be a numeric id or a lower-case slug' },
    ]);
  }
}
