// The AWS SDK for JavaScript v3 (@aws-sdk/client-kinesis; HTTP/2 by default) through the data plane and the error
// envelopes, one JSON line per case.
// usage: NODE_PATH=<node_modules> node js_api.cjs ENDPOINT
'use strict';
const {
  KinesisClient, CreateStreamCommand, PutRecordCommand, PutRecordsCommand, ListShardsCommand, GetShardIteratorCommand,
  GetRecordsCommand, DescribeStreamSummaryCommand, waitUntilStreamExists,
} = require('@aws-sdk/client-kinesis');

const kinesis = new KinesisClient({
  endpoint: process.argv[2], region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const STREAM = 'js-api';
const emit = (fields) => console.log(JSON.stringify(fields));
const failure = async (call) => {
  try {
    await call();
    return null;
  } catch (e) {
    return [e.$metadata.httpStatusCode, e.name, e.message];
  }
};

(async () => {
  const created = await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 2 }));
  await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30 }, { StreamName: STREAM });
  emit({ case: 'create', fields: Object.keys(created).filter((k) => k !== '$metadata') });

  const one = await kinesis.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: 'k0', Data: Buffer.from('r0') }));
  const many = await kinesis.send(new PutRecordsCommand({ StreamName: STREAM,
    Records: Array.from({ length: 9 }, (_, i) => ({ PartitionKey: `k${(i + 1) % 3}`, Data: Buffer.from(`r${i + 1}`) })) }));
  emit({ case: 'put', put_record: Object.keys(one).filter((k) => k !== '$metadata').sort(),
    failed: many.FailedRecordCount, encryption: many.EncryptionType ?? null });

  const shards = [];
  let token;
  do {
    const page = await kinesis.send(new ListShardsCommand(token ? { NextToken: token, MaxResults: 1 }
      : { StreamName: STREAM, MaxResults: 1 }));
    shards.push(...page.Shards.map((s) => s.ShardId));
    token = page.NextToken;
  } while (token);
  emit({ case: 'list_shards', shards });

  const read = [];
  for (const ShardId of shards) {
    let { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId,
      ShardIteratorType: 'TRIM_HORIZON' }));
    while (ShardIterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      read.push(...page.Records.map((r) => `${r.PartitionKey}:${Buffer.from(r.Data).toString()}`));
      ShardIterator = page.Records.length > 0 ? page.NextShardIterator : null;
    }
  }
  emit({ case: 'read', records: read });

  emit({ case: 'errors',
    missing: await failure(() => kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'js-none' }))),
    type: await failure(() => kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 5 }))) });
  kinesis.destroy();
})().catch((e) => { console.error(e); process.exit(1); });
