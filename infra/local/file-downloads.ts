// GET/HEAD /files/<key>?name=&expires=&signature= on the local host: checks the link against
// the installation's secret (functions/store/local-links.ts), then reads the object from the
// S3 stand-in itself and streams it. Nothing else of the stand-in is reachable through here:
// no other key, no listing, no other method.
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'hono';
import { ApiProblem, notFound } from '../../functions/api/problem.ts';
import type { StoreClients } from '../../functions/store/clients.ts';
import type { StoreConfig } from '../../functions/store/config.ts';
import { verifyLocalLink } from '../../functions/store/local-links.ts';
import { CONTENT_TYPES, type MeshFormat } from '../../functions/store/meshes.ts';

const refused = (detail: string) => new ApiProblem(403, 'forbidden', 'Forbidden', detail).getResponse();

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export const fileDownloads = (clients: StoreClients, config: StoreConfig) => async (c: Context): Promise<Response> => {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD') {
    return new ApiProblem(405, 'method-not-allowed', 'Method not allowed', 'Download links work with GET and HEAD only.', undefined, { Allow: 'GET, HEAD' }).getResponse();
  }
  const url = new URL(c.req.url);
  const check = verifyLocalLink(config.localLinks!.secret, method, url.pathname, url.searchParams);
  if (!check.ok) {
    return refused(check.reason === 'expired' ? 'This download link has expired; ask for the files again.' : 'This is not a valid Atelier download link (altered or incomplete).');
  }
  const format = check.key.slice(check.key.lastIndexOf('.') + 1) as MeshFormat;
  const headers = new Headers({
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="${check.fileName}"`,
    'accept-ranges': 'bytes',
    // A link is a capability: no shared cache keeps the file under it.
    'cache-control': 'private, no-store',
  });
  const range = c.req.header('range');
  try {
    if (method === 'HEAD') {
      const head = await clients.s3.send(new HeadObjectCommand({ Bucket: config.bucketName, Key: check.key }));
      headers.set('content-length', String(head.ContentLength ?? 0));
      if (head.ETag) headers.set('etag', head.ETag);
      return new Response(null, { status: 200, headers });
    }
    const object = await clients.s3.send(new GetObjectCommand({ Bucket: config.bucketName, Key: check.key, Range: range }), { abortSignal: c.req.raw.signal });
    headers.set('content-length', String(object.ContentLength ?? 0));
    if (object.ETag) headers.set('etag', object.ETag);
    if (object.ContentRange) headers.set('content-range', object.ContentRange);
    return new Response(object.Body!.transformToWebStream(), { status: object.ContentRange ? 206 : 200, headers });
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) return notFound('This file').getResponse();
    if (status === 416) return new ApiProblem(416, 'range-not-satisfiable', 'Range not satisfiable', `The file is shorter than the range "${range}".`).getResponse();
    return new ApiProblem(503, 'unavailable', 'Service temporarily unavailable', 'The local file store did not answer. Retry shortly.', undefined, { 'Retry-After': '1' }).getResponse();
  }
};
