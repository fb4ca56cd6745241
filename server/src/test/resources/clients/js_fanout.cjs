// Enhanced fan-out through the AWS SDK for JavaScript v3 (@aws-sdk/client-kinesis), whose default transport is
// HTTP/2 (here cleartext, prior knowledge). The same scenarios as boto3_fanout.py, one JSON line each.
// usage: NODE_PATH=<node_modules> node js_fanout.cjs ENDPOINT   (the server's subscription lifetime: 12 s, longer than a takeover's 5 s with room for a slow machine)
'use strict';
const {
  KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand, RegisterStreamConsumerCommand, PutRecordCommand,
  PutRecordsCommand, GetShardIteratorCommand, GetRecordsCommand, SubscribeToShardCommand, SplitShardCommand,
  DeleteStreamCommand, waitUntilStreamExists,
} = require('@aws-sdk/client-kinesis');

const kinesis = new KinesisClient({
  endpoint: process.argv[2], region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const SHARD = 'shardId-000000000000';
const text = (bytes) => Buffer.from(bytes).toString('utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const emit = (fields) => console.log(JSON.stringify(fields));
const error = (e) => [e.name, e.message];

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

/** Reads to the end of the stream: the events, and the error it ended with ('none' when it ended cleanly). */
async function drain(events) {
  const seen = [];
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) seen.push(next.value.SubscribeToShardEvent);
    return { seen, error: 'none' };
  } catch (e) {
    return { seen, error: error(e) };
  }
}

async function positions() {
  const arn = await create('js-positions');
  await put('js-positions', 'a');
  await sleep(50); // the SDK sends timestamps in milliseconds: b arrives in a later one than a
  const b = await put('js-positions', 'b');
  await put('js-positions', 'c');
  const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'js-positions', ShardId: SHARD,
    ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: b.SequenceNumber }));
  const bArrival = (await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }))).Records[0].ApproximateArrivalTimestamp;
  const cases = [
    ['TRIM_HORIZON', { Type: 'TRIM_HORIZON' }, 3],
    ['AT_SEQUENCE_NUMBER', { Type: 'AT_SEQUENCE_NUMBER', SequenceNumber: b.SequenceNumber }, 2],
    ['AFTER_SEQUENCE_NUMBER', { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: b.SequenceNumber }, 1],
    ['AT_TIMESTAMP', { Type: 'AT_TIMESTAMP', Timestamp: bArrival }, 2],
  ];
  for (const [name, position, count] of cases) {
    emit({ case: name, data: await read(await subscribe(await consumer(arn, name.toLowerCase()), position), count) });
  }
  const latest = await subscribe(await consumer(arn, 'latest'), { Type: 'LATEST' });
  emit({ case: 'LATEST', data: await read(latest, 1, () => put('js-positions', 'd')) });
}

/**
 * A writer puts 90 records 150 ms apart — longer than a subscription lives — while the reader reads them as they come
 * and resubscribes from the continuation number each time the server ends its subscription.
 */
async function live() {
  const arn = await consumer(await create('js-live'), 'follower');
  let writer = null;
  const write = async () => {
    for (let i = 0; i < 90; i++) {
      await put('js-live', `r${i}`);
      await sleep(150);
    }
  };
  const data = [];
  let subscriptions = 0;
  let cleanEnds = 0;
  let position = { Type: 'TRIM_HORIZON' };
  while (data.length < 90) {
    subscriptions++;
    const events = await subscribe(arn, position);
    let next;
    for (next = await events.next(); !next.done; next = await events.next()) { // an error mid-stream throws
      writer ??= write(); // after the first event: the writes outlast the first subscription
      const event = next.value.SubscribeToShardEvent;
      data.push(...event.Records.map((r) => text(r.Data)));
      position = { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: event.ContinuationSequenceNumber };
      if (data.length >= 90) break;
    }
    if (next.done) cleanEnds++; // the server ended the stream (its lifetime), with no error
    await events.return();
  }
  await writer;
  emit({ case: 'live', data, subscriptions, clean_ends: cleanEnds });
}

/** 30 records of 200 KiB (6000 KiB) read from TRIM_HORIZON: more than one event can carry. */
async function backlog() {
  const arn = await consumer(await create('js-backlog'), 'catcher');
  const payloads = Array.from({ length: 30 }, (_, i) => Buffer.from(`${i}:`.padEnd(200 * 1024, 'x')));
  for (const batch of [payloads.slice(0, 15), payloads.slice(15)]) {
    const result = await kinesis.send(new PutRecordsCommand({ StreamName: 'js-backlog',
      Records: batch.map((Data) => ({ Data, PartitionKey: 'k' })) }));
    if (result.FailedRecordCount !== 0) throw new Error(`PutRecords failed: ${JSON.stringify(result)}`);
  }
  const records = [];
  let events = 0;
  const stream = await subscribe(arn, { Type: 'TRIM_HORIZON' });
  for (let next = await stream.next(); !next.done; next = await stream.next()) {
    const event = next.value.SubscribeToShardEvent;
    if (event.Records.length > 0) events++;
    records.push(...event.Records.map((r) => `${text(r.Data).split(':')[0]}:${r.Data.length}`));
    if (records.length >= 30) break;
  }
  await stream.return();
  emit({ case: 'backlog', records, events });
}

async function takeover() {
  const arn = await consumer(await create('js-takeover'), 'taken');
  const first = await subscribe(arn, { Type: 'LATEST' });
  await first.next();
  let refused = 'none';
  try {
    await subscribe(arn, { Type: 'LATEST' });
  } catch (e) {
    refused = error(e);
  }
  await sleep(5500);
  const second = await subscribe(arn, { Type: 'LATEST' });
  const takenOver = (await drain(first)).error;
  await second.return();
  emit({ case: 'takeover', consumer: arn, refused, taken_over: takenOver });
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
  for (const scenario of [positions, live, backlog, takeover, shardEnd, deleted]) await scenario();
  kinesis.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
