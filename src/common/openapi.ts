import { applyDecorators, INestApplication, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  DocumentBuilder,
  getSchemaPath,
  OpenAPIObject,
  SwaggerModule,
} from '@nestjs/swagger';

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('协商 Xieshang API')
    .setDescription('政协提案与协商平台的 JSON 接口。错误统一为 {statusCode, code, message, details}。')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Serves the document at /api/docs (pages) and /api/docs-json (JSON). */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
}

/** Documents a `{items, total, page, pageSize}` list answer whose items are `item`. */
export function ApiPageResponse(item: Type<unknown>) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      schema: {
        type: 'object',
        required: ['items', 'total', 'page', 'pageSize'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          total: { type: 'integer' },
          page: { type: 'integer' },
          pageSize: { type: 'integer' },
        },
      },
    }),
  );
}

/** `@ApiProperty(nullableString)`: the OpenAPI type of a view field that may be null (TypeScript's `string | null` says nothing at run time). */
export const nullableString = { type: String, nullable: true } as const;
/** A time as ISO 8601 text, or null. */
export const nullableTime = { type: String, format: 'date-time', nullable: true } as const;
export const nullableInt = { type: Number, nullable: true } as const;
