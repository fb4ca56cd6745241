// Enhanced fan-out through the AWS SDK for JavaScript v3 (@aws-sdk/client-kinesis), whose default transport is
// HTTP/2 (here cleartext, prior knowledge). The same scenarios as boto3_fanout.py, one JSON line each.
// usage: NODE_PATH=<node_modules> node js_fanout.cjs ENDPOINT   (the server's subscription lifetime: 12 s, longer than a takeover's 5 s with room for a slow machine)
'use strict';
const {
  KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand, RegisterStreamConsumerCommand, PutRecordCommand,
  SubscribeToShardCommand, SplitShardCommand, DeleteStreamCommand, waitUntilStreamExists,
} = require('@aws-sdk/client-kinesis');

const kinesis = new KinesisClient({
  endpoint: process.argv[2], region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const SHARD = 'shardId-000000000000';
const text = (bytes) => Buffer.from(bytes).toString('utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const emit = (fields) => console.log(JSON.stringify(fields));

async function create(stream) {
  await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30 }, { StreamName: stream });
  return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }))).StreamDescriptionSummary.StreamARN;
}

async function consumer(streamArn, name) {
  return (await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: name }))).Consumer.ConsumerARN;
}

async function put(stream, value) {
  return kinesis.send(new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', Data: Buffer.from(value) }));
}

async function subscribe(arn, position, shard = SHARD) {
  const response = await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: arn, ShardId: shard, StartingPosition: position }));
  return response.EventStream[Symbol.asyncIterator]();
}

/** Data of the first `count` records pushed; `onFirstEvent` runs once the first event arrived. */
async function read(events, count, onFirstEvent) {
  const data = [];
  while (data.length < count) {
    const { value, done } = await events.next();
    if (done) break;
    if (onFirstEvent) { await onFirstEvent(); onFirstEvent = null; }
    data.push(...value.SubscribeToShardEvent.Records.map((r) => text(r.Data)));
  }
  await events.return();
  return data;
}

/** Reads to the end of the stream: the events, and the error code it ended with ('none' when it ended cleanly). */
async function drain(events) {
  const seen = [];
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) seen.push(next.value.SubscribeToShardEvent);
    return { seen, error: 'none' };
  } catch (e) {
    return { seen, error: e.name };
  }
}

async function positions() {
  const arn = await create('js-positions');
  await put('js-positions', 'a');
  await sleep(50);
  const b = await put('js-positions', 'b');
  await put('js-positions', 'c');
  await sleep(20); // c's arrival time, in milliseconds, is then strictly before afterC
  const afterC = new Date(); // AT_TIMESTAMP from here gets only later records
  await sleep(20);
  const cases = [
    ['TRIM_HORIZON', { Type: 'TRIM_HORIZON' }, 3],
    ['AT_SEQUENCE_NUMBER', { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: b.SequenceNumber }, 2],
    ['AFTER_SEQUENCE_NUMBER', { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: b.SequenceNumber }, 1],
  ];
  for (const [name, position, count] of cases) {
    emit({ case: name, data: await read(await subscribe(await consumer(arn, name.toLowerCase()), position), count) });
  }
  const atTimestamp = await subscribe(await consumer(arn, 'time'), { Type: 'AT_TIMESTAMP', Timestamp: afterC });
  const latest = await subscribe(await consumer(arn, 'latest'), { Type: 'LATEST' });
  emit({ case: 'LATEST', data: await read(latest, 1, () => put('js-positions', 'd')) });
  emit({ case: 'AT_TIMESTAMP', data: await read(atTimestamp, 1) });
}

async function resume() {
  const arn = await consumer(await create('js-resume'), 'resumer');
  await put('js-resume', '1');
  await put('js-resume', '2');
  const first = await drain(await subscribe(arn, { Type: 'TRIM_HORIZON' })); // until the server ends it
  const continuation = first.seen[first.seen.length - 1].ContinuationSequenceNumber;
  await put('js-resume', '3');
  const second = await read(await subscribe(arn, { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: continuation }), 1);
  emit({ case: 'resume', first: first.seen.flatMap((e) => e.Records.map((r) => text(r.Data))), ended: first.error, second });
}

async function takeover() {
  const arn = await consumer(await create('js-takeover'), 'taken');
  const first = await subscribe(arn, { Type: 'LATEST' });
  await first.next();
  let refused = 'none';
  try {
    await subscribe(arn, { Type: 'LATEST' });
  } catch (e) {
    refused = e.name;
  }
  await sleep(5500);
  const second = await subscribe(arn, { Type: 'LATEST' });
  const takenOver = (await drain(first)).error;
  await second.return();
  emit({ case: 'takeover', refused, taken_over: takenOver });
}

async function shardEnd() {
  const arn = await consumer(await create('js-split'), 'splitter');
  await put('js-split', 'before');
  await kinesis.send(new SplitShardCommand({ StreamName: 'js-split', ShardToSplit: SHARD,
    NewStartingHashKey: '170141183460469231731687303715884105728' }));
  const { seen } = await drain(await subscribe(arn, { Type: 'TRIM_HORIZON' }));
  const last = seen[seen.length - 1];
  emit({ case: 'shard_end', data: seen.flatMap((e) => e.Records.map((r) => text(r.Data))),
    continuation: last.ContinuationSequenceNumber ?? null,
    children: last.ChildShards.map((c) => [c.ShardId, c.ParentShards]) });
}

async function deleted() {
  const arn = await consumer(await create('js-deleted'), 'orphan');
  const events = await subscribe(arn, { Type: 'LATEST' });
  await events.next();
  await kinesis.send(new DeleteStreamCommand({ StreamName: 'js-deleted', EnforceConsumerDeletion: true }));
  emit({ case: 'deleted', error: (await drain(events)).error });
}

(async () => {
  for (const scenario of [positions, resume, takeover, shardEnd, deleted]) await scenario();
  kinesis.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
