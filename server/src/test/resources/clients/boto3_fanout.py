"""Enhanced fan-out through boto3's subscribe_to_shard (HTTP/1.1, chunked event stream), one scenario per line.

usage: python3 boto3_fanout.py ENDPOINT
The server's subscription lifetime must be a few seconds (the IT sets 12 s). Prints one JSON object per scenario:
  {"case": "TRIM_HORIZON" | "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER" | "AT_TIMESTAMP" | "LATEST", "data": [...]}
  {"case": "resume", "first": [...], "ended": "clean", "second": [...]}
  {"case": "takeover", "refused": CODE, "taken_over": CODE}
  {"case": "shard_end", "data": [...], "children": [[CHILD, [PARENTS]], ...]}
  {"case": "deleted", "error": CODE}
"""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError, EventStreamError

endpoint = sys.argv[1]
kinesis = boto3.client('kinesis', endpoint_url=endpoint, region_name='us-east-1',
                       aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret')
SHARD = 'shardId-000000000000'


def emit(**fields):
    print(json.dumps(fields), flush=True)


def create(stream):
    kinesis.create_stream(StreamName=stream, ShardCount=1)
    kinesis.get_waiter('stream_exists').wait(StreamName=stream, WaiterConfig={'Delay': 1})
    return kinesis.describe_stream_summary(StreamName=stream)['StreamDescriptionSummary']['StreamARN']


def consumer(stream_arn, name):
    return kinesis.register_stream_consumer(StreamARN=stream_arn, ConsumerName=name)['Consumer']['ConsumerARN']


def put(stream, *values):
    return [kinesis.put_record(StreamName=stream, PartitionKey='k', Data=v.encode()) for v in values]


def subscribe(arn, position, shard=SHARD):
    return kinesis.subscribe_to_shard(ConsumerARN=arn, ShardId=shard, StartingPosition=position)['EventStream']


def read(events, count, on_first_event=None):
    """Data of the first `count` records pushed; `on_first_event` runs once the first event arrived."""
    data = []
    for event in events:
        if on_first_event:
            on_first_event()
            on_first_event = None
        data += [r['Data'].decode() for r in event['SubscribeToShardEvent']['Records']]
        if len(data) >= count:
            break
    events.close()
    return data


def positions():
    arn = create('py-positions')
    a = put('py-positions', 'a')[0]
    time.sleep(1.1)  # botocore sends a timestamp in whole seconds: b must arrive in a later second than a
    b, c = put('py-positions', 'b', 'c')
    b_arrival = kinesis.get_records(ShardIterator=kinesis.get_shard_iterator(
        StreamName='py-positions', ShardId=SHARD, ShardIteratorType='AT_SEQUENCE_NUMBER',
        StartingSequenceNumber=b['SequenceNumber'])['ShardIterator'], Limit=1)['Records'][0]['ApproximateArrivalTimestamp']
    cases = [('TRIM_HORIZON', {'Type': 'TRIM_HORIZON'}, 3),
             ('AT_SEQUENCE_NUMBER', {'Type': 'AT_SEQUENCE_NUMBER', 'SequenceNumber': b['SequenceNumber']}, 2),
             ('AFTER_SEQUENCE_NUMBER', {'Type': 'AFTER_SEQUENCE_NUMBER', 'SequenceNumber': b['SequenceNumber']}, 1),
             ('AT_TIMESTAMP', {'Type': 'AT_TIMESTAMP', 'Timestamp': b_arrival}, 2)]
    for name, position, count in cases:
        emit(case=name, data=read(subscribe(consumer(arn, name.lower()), position), count))
    latest = subscribe(consumer(arn, 'latest'), {'Type': 'LATEST'})
    emit(case='LATEST', data=read(latest, 1, on_first_event=lambda: put('py-positions', 'd')))


def resume():
    arn = consumer(create('py-resume'), 'resumer')
    put('py-resume', '1', '2')
    first, continuation = [], None
    for event in subscribe(arn, {'Type': 'TRIM_HORIZON'}):  # until the server ends it (its lifetime)
        shard_event = event['SubscribeToShardEvent']
        first += [r['Data'].decode() for r in shard_event['Records']]
        continuation = shard_event['ContinuationSequenceNumber']
    put('py-resume', '3')
    second = read(subscribe(arn, {'Type': 'AFTER_SEQUENCE_NUMBER', 'SequenceNumber': continuation}), 1)
    emit(case='resume', first=first, ended='clean', second=second)


def takeover():
    arn = consumer(create('py-takeover'), 'taken')
    first = subscribe(arn, {'Type': 'LATEST'})
    events = iter(first)
    next(events)
    try:
        subscribe(arn, {'Type': 'LATEST'})
        refused = 'none'
    except ClientError as e:
        refused = e.response['Error']['Code']
    time.sleep(5.5)
    second = subscribe(arn, {'Type': 'LATEST'})
    taken_over = 'none'
    try:
        for _ in events:
            pass
    except EventStreamError as e:
        taken_over = e.response['Error']['Code']
    second.close()
    emit(case='takeover', refused=refused, taken_over=taken_over)


def shard_end():
    arn = consumer(create('py-split'), 'splitter')
    put('py-split', 'before')
    kinesis.split_shard(StreamName='py-split', ShardToSplit=SHARD,
                        NewStartingHashKey='170141183460469231731687303715884105728')
    data, children = [], None
    for event in subscribe(arn, {'Type': 'TRIM_HORIZON'}):
        shard_event = event['SubscribeToShardEvent']
        data += [r['Data'].decode() for r in shard_event['Records']]
        if 'ContinuationSequenceNumber' not in shard_event or shard_event['ContinuationSequenceNumber'] is None:
            children = [[c['ShardId'], c['ParentShards']] for c in shard_event['ChildShards']]
    emit(case='shard_end', data=data, children=children)


def deleted():
    arn = consumer(create('py-deleted'), 'orphan')
    events = iter(subscribe(arn, {'Type': 'LATEST'}))
    next(events)
    kinesis.delete_stream(StreamName='py-deleted', EnforceConsumerDeletion=True)
    error = 'none'
    try:
        for _ in events:
            pass
    except EventStreamError as e:
        error = e.response['Error']['Code']
    emit(case='deleted', error=error)


for scenario in (positions, resume, takeover, shard_end, deleted):
    scenario()
