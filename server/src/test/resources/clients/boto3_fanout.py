"""Enhanced fan-out through boto3's subscribe_to_shard (HTTP/1.1, chunked event stream), one scenario per line.

usage: python3 boto3_fanout.py ENDPOINT
The server's subscription lifetime must be a few seconds (the IT sets 12 s). Prints one JSON object per scenario:
  {"case": "TRIM_HORIZON" | "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER" | "AT_TIMESTAMP" | "LATEST", "data": [...]}
  {"case": "live", "data": [...], "subscriptions": N, "clean_ends": N}
  {"case": "backlog", "records": ["INDEX:LENGTH", ...], "events": N}
  {"case": "takeover", "consumer": ARN, "refused": [CODE, MESSAGE], "taken_over": [CODE, MESSAGE]}
  {"case": "shard_end", "data": [...], "continuation": null, "children": [[CHILD, [PARENTS]], ...]}
  {"case": "deleted", "error": [CODE, MESSAGE]}
"""
import json
import sys
import threading
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


def error(e):
    return [e.response['Error']['Code'], e.response['Error']['Message']]


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


def live():
    """A writer puts 90 records 150 ms apart — longer than a subscription lives — while the reader reads them as
    they come and resubscribes from the continuation number each time the server ends its subscription."""
    arn = consumer(create('py-live'), 'follower')
    writer_client = boto3.client('kinesis', endpoint_url=endpoint, region_name='us-east-1',
                                 aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret')

    def write():
        for i in range(90):
            writer_client.put_record(StreamName='py-live', PartitionKey='k', Data=('r%d' % i).encode())
            time.sleep(0.15)

    writer = threading.Thread(target=write)
    data, subscriptions, clean_ends, position = [], 0, 0, {'Type': 'TRIM_HORIZON'}
    while len(data) < 90:
        subscriptions += 1
        stream = subscribe(arn, position)
        for event in stream:  # an error mid-stream raises: the script fails
            if writer.ident is None:
                writer.start()  # after the first event: the writes outlast the first subscription
            shard_event = event['SubscribeToShardEvent']
            data += [r['Data'].decode() for r in shard_event['Records']]
            position = {'Type': 'AFTER_SEQUENCE_NUMBER', 'SequenceNumber': shard_event['ContinuationSequenceNumber']}
            if len(data) >= 90:
                break
        else:
            clean_ends += 1  # the server ended the stream (its lifetime), with no error
        stream.close()
    writer.join()
    emit(case='live', data=data, subscriptions=subscriptions, clean_ends=clean_ends)


def backlog():
    """30 records of 200 KiB (6000 KiB) read from TRIM_HORIZON: more than one event can carry."""
    arn = consumer(create('py-backlog'), 'catcher')
    payloads = [(('%d:' % i) + 'x' * (200 * 1024)).encode()[:200 * 1024] for i in range(30)]
    for batch in (payloads[:15], payloads[15:]):
        result = kinesis.put_records(StreamName='py-backlog', Records=[{'Data': d, 'PartitionKey': 'k'} for d in batch])
        assert result['FailedRecordCount'] == 0, result
    records, events = [], 0
    stream = subscribe(arn, {'Type': 'TRIM_HORIZON'})
    for event in stream:
        shard_event = event['SubscribeToShardEvent']
        if shard_event['Records']:
            events += 1
        records += ['%s:%d' % (r['Data'].split(b':')[0].decode(), len(r['Data'])) for r in shard_event['Records']]
        if len(records) >= 30:
            break
    stream.close()
    emit(case='backlog', records=records, events=events)


def takeover():
    arn = consumer(create('py-takeover'), 'taken')
    first = subscribe(arn, {'Type': 'LATEST'})
    events = iter(first)
    next(events)
    try:
        subscribe(arn, {'Type': 'LATEST'})
        refused = 'none'
    except ClientError as e:
        refused = error(e)
    time.sleep(5.5)
    second = subscribe(arn, {'Type': 'LATEST'})
    taken_over = 'none'
    try:
        for _ in events:
            pass
    except EventStreamError as e:
        taken_over = error(e)
    second.close()
    emit(case='takeover', consumer=arn, refused=refused, taken_over=taken_over)


def shard_end():
    arn = consumer(create('py-split'), 'splitter')
    put('py-split', 'before')
    kinesis.split_shard(StreamName='py-split', ShardToSplit=SHARD,
                        NewStartingHashKey='170141183460469231731687303715884105728')
    data, last = [], None
    for event in subscribe(arn, {'Type': 'TRIM_HORIZON'}):  # the server ends the stream after the shard's last event
        last = event['SubscribeToShardEvent']
        data += [r['Data'].decode() for r in last['Records']]
    emit(case='shard_end', data=data, continuation=last.get('ContinuationSequenceNumber'),
         children=[[c['ShardId'], c['ParentShards']] for c in last.get('ChildShards', [])])


def deleted():
    arn = consumer(create('py-deleted'), 'orphan')
    events = iter(subscribe(arn, {'Type': 'LATEST'}))
    next(events)
    kinesis.delete_stream(StreamName='py-deleted', EnforceConsumerDeletion=True)
    ended = 'none'
    try:
        for _ in events:
            pass
    except EventStreamError as e:
        ended = error(e)
    emit(case='deleted', error=ended)


for scenario in (positions, live, backlog, takeover, shard_end, deleted):
    scenario()
