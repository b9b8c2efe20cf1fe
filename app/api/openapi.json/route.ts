// GET /api/openapi.json - the API as an OpenAPI 3.1 document, made from the routes' own schemas (lib/api/openapi).
import { openApiDocument } from '@/lib/openapi/document';
import pkg from '@/package.json';

export const dynamic = 'force-static';

export function GET(): Response {
  return Response.json(openApiDocument(pkg.version), { headers: { 'cache-control': 'no-cache' } });
}
