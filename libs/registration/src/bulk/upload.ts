import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';

/** Largest upload accepted, raw or multipart (a 2,000-row XLSX is about 150 kB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * The uploaded file, sent either as the request body itself (text/csv or the XLSX type, as
 * scripts do) or as the first file field of a multipart/form-data form (as a browser form does).
 * Other form fields are ignored.
 */
export async function readUpload(request: FastifyRequest): Promise<Buffer | undefined> {
  if (request.isMultipart()) {
    const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    return part ? part.toBuffer() : undefined;
  }
  return Buffer.isBuffer(request.body) ? request.body : undefined;
}
