import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { Request, Response } from 'express';
import multer from 'multer';
import { Observable } from 'rxjs';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { tooLarge } from './attachments.service';

/**
 * Parses a multipart body with one file in the field `file` into memory (bounded by XS_UPLOAD_MAX_MB),
 * answering the limits with the API's error shape: 413 for a file over the limit, 400 for anything else.
 */
@Injectable()
export class SingleFileInterceptor implements NestInterceptor {
  private readonly parse: (req: Request, res: Response, done: (err?: unknown) => void) => void;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10, parts: 12 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) =>
      this.parse(http.getRequest(), http.getResponse(), (err) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError) {
          if (err.code === 'LIMIT_FILE_SIZE') return reject(tooLarge(this.config.uploadMaxBytes));
          return reject(AppError.invalid({ file: ['请只上传一个文件，字段名为 file'] }, '上传的表单格式不正确'));
        }
        reject(AppError.invalid({ file: ['上传的表单格式不正确'] }, '上传的表单格式不正确'));
      }),
    );
    return next.handle();
  }
}

/** An API endpoint taking one file in the multipart field `file`: parsed by SingleFileInterceptor, so described in OpenAPI. */
export const ApiFileUpload = () =>
  applyDecorators(
    UseInterceptors(SingleFileInterceptor),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    }),
  );
