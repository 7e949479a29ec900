/** What multer hands a controller for an uploaded file (its memory storage): only the parts the routes read. */
export interface UploadedFileParts {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}
