"""The seed's producer and consumer (section 2.3), as written for boto 2, pointed at a Sluice endpoint.

usage: python3 seed_boto.py HOST PORT COUNT
Prints one JSON line per record the consumer read.
"""
import json
import sys

from boto.kinesis.layer1 import KinesisConnection
from boto.regioninfo import RegionInfo


def connect(host, port):
    # connect_to_region('us-east-2') with the endpoint replaced: the only change the seed needs.
    return KinesisConnection(aws_access_key_id='AKIDEXAMPLE', aws_secret_access_key='secret',
                             host=host, port=port, is_secure=False,
                             region=RegionInfo(name='us-east-2', endpoint=host))


def produce(kinesis, count):
    if 'AndersonStream' not in kinesis.list_streams()['StreamNames']:
        kinesis.create_stream('AndersonStream', 1)
    for i in range(count):
        data = {'name': 'Person %d' % i, 'age': 10 + i % 10, 'gender': 'MF'[i % 2], 'score': 40 + 5 * (i % 6),
                'job': 'Job %d' % i}
        data['i'] = i
        kinesis.put_record('AndersonStream', json.dumps(data), 'partitionkey')


def consume(kinesis):
    shard_it = kinesis.get_shard_iterator('AndersonStream', 'shardId-000000000000', 'TRIM_HORIZON')['ShardIterator']
    while True:
        out = kinesis.get_records(shard_it, limit=10)
        for r in out['Records']:
            print(r['Data'])
        shard_it = out['NextShardIterator']
        if not out['Records']:
            break


if __name__ == '__main__':
    connection = connect(sys.argv[1], int(sys.argv[2]))
    produce(connection, int(sys.argv[3]))
    consume(connection)
