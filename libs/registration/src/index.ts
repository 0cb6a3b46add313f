export { RegistrationModule } from './registration.module';
export { RegistrationRepository } from './registration.repository';
export { CreateRegistrationDto } from './dto/registration.dto';
export { normalisePhone, personKey } from './registration.rules';
export { MAX_UPLOAD_BYTES } from './bulk/upload';
export { readCsv } from './bulk/csv-reader';
