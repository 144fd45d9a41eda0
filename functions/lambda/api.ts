// Lambda entry point of the API function: every route except POST /api/quotes.
import { handle } from 'hono/aws-lambda';
import { createApp } from '../api/app.ts';
import { lambdaDeps } from './host-deps.ts';

// Quotes belong to the mesh function; this one refuses them however the path is spelled.
export const handler = handle(createApp({ ...lambdaDeps(), buildsMeshes: false }));
