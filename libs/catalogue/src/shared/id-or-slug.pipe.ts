import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationException } from '@app/common';

/** `:id` path parameters accept a numeric id or a slug (`tap-huan-ttdn-2025-hcm`). */
@Injectable()
export class IdOrSlugPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (/^[1-9]\d{0,17}$/.test(value) || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) {
      if (value.length <= 120) return value;
    }
    throw new RequestValidationException([{ path: 'id', message: 'must be a numeric id or a lower-case slug' }]);
  }
}

/** `:id` path parameters that must be numeric ids. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (/^[1-9]\d{0,14}$/.test(value)) return Number(value);
    throw new RequestValidationException([{ path: 'id', message: 'must be a positive integer id' }]);
  }
}
