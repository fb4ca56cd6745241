package io.sluice.server.validation;

import io.sluice.server.validation.Shape.StructShape;

/** Request shapes as the actions declare them, for the validation tests. */
final class TestShapes {

    static final StructShape PUT_RECORDS = Shapes.struct(
            "Records", Shapes.list(true, Shapes.requiredStruct(
                    "Data", Shapes.blob(true, null, 1048576),
                    "ExplicitHashKey", Shapes.HASH_KEY.optional(),
                    "PartitionKey", Shapes.string(null, 1, 256).required()), 1, 500),
            "StreamName", Shapes.STREAM_NAME.optional());

    static final StructShape CREATE_STREAM = Shapes.struct(
            "ShardCount", Shapes.integer(1L, 100000L),
            "StreamName", Shapes.STREAM_NAME.required(),
            "Tags", Shapes.map(false, Shapes.TAG_KEY.required(), Shapes.TAG_VALUE.required(), 1, 200));

    private TestShapes() {
    }
}
