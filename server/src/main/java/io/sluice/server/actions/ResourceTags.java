package io.sluice.server.actions;

import io.sluice.core.StreamEngine;
import io.sluice.core.api.StreamRef;
import io.sluice.server.protocol.RequestContext;
import io.sluice.server.validation.Fields;
import io.sluice.server.validation.Shape.StructShape;
import io.sluice.server.validation.Shapes;
import io.sluice.server.wire.ApiException;
import io.sluice.server.wire.ErrorType;
import java.util.Map;

/**
 * TagResource, UntagResource and ListTagsForResource: the ARN-addressed tagging API, served for stream ARNs
 * (where the tags are the stream's tags).
 */
final class ResourceTags extends EngineAction {

    private enum Kind { TAG, UNTAG, LIST }

    private final Kind kind;

    private ResourceTags(StreamEngine engine, Kind kind, String name, StructShape input) {
        super(engine, name, input);
        this.kind = kind;
    }

    static ResourceTags tag(StreamEngine engine) {
        return new ResourceTags(engine, Kind.TAG, "TagResource", Shapes.struct(
                "ResourceARN", Shapes.string(null, 1, 2048).required(),
                "Tags", Shapes.map(true, Shapes.TAG_KEY.required(), Shapes.TAG_VALUE.required(), 1, 200)));
    }

    static ResourceTags untag(StreamEngine engine) {
        return new ResourceTags(engine, Kind.UNTAG, "UntagResource", Shapes.struct(
                "ResourceARN", Shapes.string(null, 1, 2048).required(),
                "TagKeys", Members.TAG_KEYS));
    }

    static ResourceTags list(StreamEngine engine) {
        return new ResourceTags(engine, Kind.LIST, "ListTagsForResource", Shapes.struct(
                "ResourceARN", Shapes.string(null, 1, 2048).required()));
    }

    @Override
    public String resource(Fields request) {
        return request.string("ResourceARN");
    }

    @Override
    public Map<String, Object> execute(Fields request, RequestContext context) {
        String arn = request.string("ResourceARN");
        if (arn.contains("/consumer/")) {
            throw new ApiException(ErrorType.INVALID_ARGUMENT, "Tagging consumers is not supported by Sluice; "
                    + "ResourceARN " + arn + " names a consumer. Tag its stream instead.");
        }
        StreamRef stream = StreamRef.ofArn(arn);
        switch (kind) {
            case TAG -> engine.addTagsToStream(stream, request.map("Tags"));
            case UNTAG -> engine.removeTagsFromStream(stream, request.list("TagKeys"));
            case LIST -> {
                return Wire.struct("Tags", Wire.tags(engine.listTagsForStream(stream, null, null).tags()));
            }
        }
        return Map.of();
    }
}
