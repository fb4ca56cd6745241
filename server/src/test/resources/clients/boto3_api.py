"""boto3's paginators, waiters and error parsing against a Kinesis endpoint.

usage: python3 boto3_api.py ENDPOINT
Prints one JSON line per case: {"case": NAME, ...}.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]


def client(**config):
    return boto3.client('kinesis', endpoint_url=endpoint, region_name='us-east-1',
                        aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret', config=Config(**config))


def emit(**fields):
    print(json.dumps(fields), flush=True)


def error(call):
    try:
        call()
        return None
    except ClientError as e:
        return [e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error']['Code'],
                e.response['Error']['Message']]


kinesis = client()
names = ['boto3-page-%d' % i for i in range(5)]
for name in names:
    kinesis.create_stream(StreamName=name, ShardCount=3)
kinesis.get_waiter('stream_exists').wait(StreamName=names[-1], WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
emit(case='stream_exists', status=kinesis.describe_stream_summary(StreamName=names[-1])
     ['StreamDescriptionSummary']['StreamStatus'])

streams = kinesis.get_paginator('list_streams').paginate(PaginationConfig={'PageSize': 2})
emit(case='list_streams_pages', names=[n for page in streams for n in page['StreamNames']])

# botocore's ListShards paginator repeats StreamName beside NextToken, which Amazon Kinesis refuses (boto/botocore#2009)
shards = kinesis.get_paginator('list_shards').paginate(StreamName=names[0], PaginationConfig={'PageSize': 1})
emit(case='list_shards_pages', error=error(lambda: [s for page in shards for s in page['Shards']]))

arn = kinesis.describe_stream_summary(StreamName=names[0])['StreamDescriptionSummary']['StreamARN']
for consumer in ('c1', 'c2', 'c3'):
    kinesis.register_stream_consumer(StreamARN=arn, ConsumerName=consumer)
consumers = kinesis.get_paginator('list_stream_consumers').paginate(StreamARN=arn, PaginationConfig={'PageSize': 2})
emit(case='list_stream_consumers_pages', names=[c['ConsumerName'] for page in consumers for c in page['Consumers']])

described = kinesis.get_paginator('describe_stream').paginate(StreamName=names[0], PaginationConfig={'PageSize': 1})
emit(case='describe_stream_pages', shards=[s['ShardId'] for page in described
                                           for s in page['StreamDescription']['Shards']])

put = kinesis.put_record(StreamName=names[0], PartitionKey='k', Data=b'x')
emit(case='put_record', fields=sorted(k for k in put if k != 'ResponseMetadata'))

kinesis.delete_stream(StreamName=names[1])
kinesis.get_waiter('stream_not_exists').wait(StreamName=names[1], WaiterConfig={'Delay': 1, 'MaxAttempts': 30})
emit(case='stream_not_exists', error=error(lambda: kinesis.describe_stream_summary(StreamName=names[1])))

unchecked = client(parameter_validation=False)
emit(case='type_error', error=error(lambda: unchecked.describe_stream_summary(StreamName=5)))
emit(case='validation_error', error=error(lambda: unchecked.describe_stream_summary(StreamName='bad name!')))
