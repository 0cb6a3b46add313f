import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { localiseFieldMessage } from '../i18n/localise';
import { FieldError, RequestValidationException } from './problem';

/** The arguments a decorator was given (`MinLength(2)` → [2]), for messages in other languages. */
function constraintArgs(error: ValidationError, constraint: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((entry) => entry.propertyName === error.property && entry.name === constraint);
  return metadata?.constraints ?? [];
}

/**
 * Flattens class-validator's tree into `{ path, message }` pairs with dotted paths; each keeps
 * its constraint and arguments so the problem can be worded in the reader's language.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => {
      const raised = {
        path,
        // whitelist violations say "property x should not exist"; say it in terms of the field.
        message: constraint === 'whitelistValidation' ? 'is not an accepted field' : message,
        key: constraint,
        args: constraintArgs(error, constraint),
      };
      // English by default (bulk rows, logs); the problem filter re-words it for the reader.
      return { ...raised, message: localiseFieldMessage(raised, 'en') };
    });
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target lets messages find the decorator's arguments; errors never leave the server raw.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new RequestValidationException(flattenValidationErrors(errors)),
  });
}
