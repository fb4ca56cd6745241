"""A boto3 producer and consumer: PutRecords on a 2-shard stream, then every shard read from TRIM_HORIZON.

usage: python3 boto3_roundtrip.py ENDPOINT STREAM COUNT
Prints one line per record read: PARTITION_KEY<TAB>DATA.
"""
import sys

import boto3

endpoint, stream, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
kinesis = boto3.client('kinesis', endpoint_url=endpoint, region_name='us-east-1',
                       aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret')
kinesis.create_stream(StreamName=stream, ShardCount=2)
kinesis.get_waiter('stream_exists').wait(StreamName=stream, WaiterConfig={'Delay': 1})
records = [{'Data': ('boto3-%d' % i).encode(), 'PartitionKey': 'key-%d' % (i % 5)} for i in range(count)]
result = kinesis.put_records(StreamName=stream, Records=records)
assert result['FailedRecordCount'] == 0, result
for shard in kinesis.list_shards(StreamName=stream)['Shards']:
    iterator = kinesis.get_shard_iterator(StreamName=stream, ShardId=shard['ShardId'],
                                          ShardIteratorType='TRIM_HORIZON')['ShardIterator']
    while iterator:
        page = kinesis.get_records(ShardIterator=iterator, Limit=100)
        for record in page['Records']:
            print('%s\t%s' % (record['PartitionKey'], record['Data'].decode()))
        iterator = page.get('NextShardIterator') if page['Records'] else None
