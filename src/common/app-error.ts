/** The one error shape of the API: `code` stable English for programs, `message` Chinese for people. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  static notFound(what: string, code = 'NOT_FOUND'): AppError {
    return new AppError(404, code, `${what}不存在`);
  }

  static forbidden(message = '无权执行此操作'): AppError {
    return new AppError(403, 'FORBIDDEN', message);
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>): AppError {
    return new AppError(409, code, message, details);
  }

  static invalid(fields: Record<string, string[]>, message = '提交的内容有误，请检查后重试'): AppError {
    return new AppError(400, 'VALIDATION_FAILED', message, { fields });
  }

  /** One field is wrong: its message is also the error's message. */
  static invalidField(field: string, message: string): AppError {
    return AppError.invalid({ [field]: [message] }, message);
  }

  static stale(): AppError {
    return new AppError(409, 'STALE_VERSION', '该记录已被他人修改，请刷新后重试');
  }
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}
