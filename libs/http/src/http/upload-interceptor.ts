import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  mixin,
  NestInterceptor,
  PayloadTooLargeException,
  Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { problem, ProblemException } from './problem';

/** What an upload route takes besides its one file: at most `fields` form fields. */
export interface UploadLimits {
  readonly fileSize: number;
  readonly fields: number;
  readonly parts?: number;
}

/**
 * Nest's FileInterceptor for one file in the form field `field`, whose refusals say what is wrong with
 * the form in the words a user of the upload page reads (Dutch, as the intake's reasons), naming the
 * field: multer's own ("File too large", "Unexpected file field") would reach the page in English, and
 * the API would call them invalid JSON.
 */
export function UploadInterceptor(field: string, limits: UploadLimits): Type<NestInterceptor> {
  const Multer = FileInterceptor(field, { limits: { ...limits, files: 1 } });
  class Upload extends Multer {
    override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await super.intercept(context, next);
      } catch (error) {
        throw uploadRefusal(error, field, limits.fileSize);
      }
    }
  }
  return mixin(Upload);
}

function uploadRefusal(error: unknown, field: string, fileSize: number): unknown {
  if (error instanceof PayloadTooLargeException)
    return new ProblemException(
      problem(
        413,
        'BODY_TOO_LARGE',
        `het bestand is groter dan ${megabytes(fileSize)}; splits het en stuur de delen apart`,
        {
          field,
        },
      ),
    );
  if (error instanceof BadRequestException)
    return new ProblemException(
      problem(
        400,
        'INVALID_UPLOAD',
        `het formulier klopt niet: stuur één bestand in het veld "${field}" (${error.message})`,
        { field },
      ),
    );
  return error;
}

const megabytes = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} kB`;
