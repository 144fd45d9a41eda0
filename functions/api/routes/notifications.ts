// The "stop these mails" link in every order email. GET shows a one-button page (mail scanners
// that open links must not unsubscribe anyone); POST stops the mails for that order, from that
// page, from a mail client's one-click unsubscribe (RFC 8058: a form POST of
// List-Unsubscribe=One-Click), or from any client with the token in X-Order-Token.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../deps.ts';
import { OrderIdParam } from '../schemas.ts';
import { stopOrderNotifications } from '../use-cases/notifications.ts';
import { json, problems } from './common.ts';

const TokenHeader = z.object({
  'x-order-token': z.string().max(128).optional().openapi({ param: { name: 'x-order-token', in: 'header' } }),
});
const TokenQuery = z.object({ token: z.string().max(128).optional().openapi({ param: { name: 'token', in: 'query' } }) });
const request = { params: OrderIdParam, headers: TokenHeader, query: TokenQuery };
const StoppedSchema = z.object({ id: z.string(), stoppedAt: z.number() }).openapi('NotificationsStopped');
const html = (description: string) => ({ content: { 'text/html': { schema: z.string() } }, description });

const tokenOf = (c: Context<AppEnv>): string | undefined => c.req.header('x-order-token') ?? c.req.query('token');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (body: string) => `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Atelier: order emails</title><body style="font-family:system-ui;max-width:32rem;margin:3rem auto;line-height:1.5">${body}</body></html>`;

export const notificationRoutes = new OpenAPIHono<AppEnv>()
  .openapi(
    createRoute({ method: 'get', path: '/orders/{id}/notifications/stop', tags: ['customer'], request, responses: { 200: html('A page with one button that stops the mails') } }),
    (c) => {
      c.header('cache-control', 'no-store');
      c.header('referrer-policy', 'no-referrer');
      // The form posts back to this same address (token in the query), as a one-click unsubscribe would.
      const action = escapeHtml(new URL(c.req.url).pathname + new URL(c.req.url).search);
      return c.html(
        page(`<h1>Stop emails about this order?</h1><p>You will get no more emails about order ${escapeHtml(c.req.valid('param').id)}. The order itself goes on; its page still shows where it is.</p>
<form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Stop these emails</button></form>`),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/orders/{id}/notifications/stop',
      tags: ['customer'],
      request,
      responses: { 200: { ...json(StoppedSchema, 'No more mails about this order'), ...html('The same, as a page (form posts)') }, 400: problems[400], 404: problems[404], 503: problems[503] },
    }),
    async (c) => {
      const stopped = await stopOrderNotifications(c.get('deps'), c.req.valid('param').id, tokenOf(c));
      c.header('cache-control', 'no-store');
      if ((c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        return c.html(page('<h1>Done</h1><p>You will get no more emails about this order.</p>'), 200) as never;
      }
      return c.json(stopped, 200);
    },
  );
