// Worker-thread host for one bundled Lambda handler: Node's own ESM loader imports the
// bundle (no test-runner transform), with only the environment the test passes, the way the
// Lambda runtime does. Messages in: { id, event }; out: { id, result } or { id, error }.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const { bundleUrl, functionName } = workerData;

const context = () => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: randomUUID(),
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'worker',
  getRemainingTimeInMillis: () => 10_000,
});

try {
  const { handler } = await import(bundleUrl);
  parentPort.on('message', async ({ id, event }) => {
    try {
      parentPort.postMessage({ id, result: await handler(event, context()) });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.stack ?? error) });
    }
  });
  parentPort.postMessage({ ready: true, importMetaKeys: Object.keys(import.meta).sort() });
} catch (error) {
  parentPort.postMessage({ ready: false, error: String(error?.stack ?? error) });
}
