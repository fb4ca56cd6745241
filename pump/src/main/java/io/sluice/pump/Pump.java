package io.sluice.pump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.pump.compile.Application;
import io.sluice.pump.compile.Conversions;
import io.sluice.pump.compile.InputValues;
import io.sluice.pump.compile.Pipeline;
import io.sluice.pump.compile.PumpRecordException;
import io.sluice.pump.compile.Scope;
import io.sluice.pump.runtime.ConnectTypes;
import io.sluice.pump.runtime.InputReader;
import io.sluice.pump.runtime.JsonPath;
import io.sluice.pump.sql.Ast;
import io.sluice.pump.sql.Parser;
import io.sluice.pump.sql.PumpSqlException;
import io.sluice.pump.type.SqlType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Headers;

/**
 * A compiled KDA application, ready to run on record values. Compiling parses, checks and — when the source
 * stream's columns are declared — type-checks everything, so SQL mistakes surface at configure time. When the
 * source columns are not declared they are taken from the first record's Connect schema (per distinct schema)
 * or, for schemaless values, from the first record's fields; the pumps are then type-checked against them
 * before that record is judged, and a reference to a column the source lacks fails loudly (never a silent
 * NULL).
 *
 * <p>Thread-safe: compiled state is immutable; the per-schema cache is synchronised.
 */
public final class Pump {

    /** What to do with the source stream's columns, beyond the SQL itself. */
    public record Options(String sourceStream, String destinationStream, String sourceColumns,
                          Map<String, String> sourcePaths) {

        public static Options defaults() {
            return new Options(Application.DEFAULT_SOURCE, null, null, Map.of());
        }

        public Options withSourceColumns(String columns) {
            return new Options(sourceStream, destinationStream, columns, sourcePaths);
        }

        public Options withSourcePaths(Map<String, String> paths) {
            return new Options(sourceStream, destinationStream, sourceColumns, paths);
        }

        public Options withDestination(String destination) {
            return new Options(sourceStream, destination, sourceColumns, sourcePaths);
        }

        public Options withSourceStream(String source) {
            return new Options(source, destinationStream, sourceColumns, sourcePaths);
        }
    }

    private record Binding(InputReader reader, Pipeline pipeline) {
    }

    private static final int MAX_CACHED_SCHEMAS = 64;

    private final Application application;
    private final Map<String, JsonPath> paths;
    private final Binding declared;
    private final List<Scope.Column> outputColumns;
    private final Schema valueSchema;
    private final Field[] outputFields;
    private final UnaryOperator<Object>[] toConnect;
    private final Map<Schema, Binding> bySchema = new IdentityHashMap<>();
    private volatile Binding schemaless;
    private volatile Schema lastSchema;
    private volatile Binding lastSchemaBinding;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Pump(Application application, Map<String, JsonPath> paths, Binding declared) {
        this.application = application;
        this.paths = paths;
        this.declared = declared;
        this.outputColumns = application.destinationColumns();
        SchemaBuilder builder = SchemaBuilder.struct().name(application.destination()).optional();
        for (Scope.Column c : outputColumns) {
            builder.field(c.name(), ConnectTypes.schemaOf(c.type()));
        }
        this.valueSchema = builder.build();
        this.outputFields = new Field[outputColumns.size()];
        this.toConnect = new UnaryOperator[outputColumns.size()];
        for (int i = 0; i < outputFields.length; i++) {
            outputFields[i] = valueSchema.field(outputColumns.get(i).name());
            toConnect[i] = Conversions.toConnect(outputColumns.get(i).type());
        }
    }

    /**
     * Compiles {@code sql}.
     *
     * @throws PumpSqlException for any mistake in the SQL or in the declared source columns and paths
     */
    public static Pump compile(String sql, Options options) {
        List<Ast.ColumnDef> columns = null;
        if (options.sourceColumns() != null && !options.sourceColumns().isBlank()) {
            try {
                columns = Parser.parseColumns(options.sourceColumns());
            } catch (PumpSqlException e) {
                throw new PumpSqlException("in the declared source columns: " + e.reason(), e.position(),
                        e.hint().orElse(null), options.sourceColumns());
            }
        }
        Application app = Application.parse(sql, options.sourceStream(), options.destinationStream(), columns);
        Map<String, JsonPath> paths = new LinkedHashMap<>();
        List<Scope.Column> declaredColumns = app.declaredSourceColumns();
        for (Map.Entry<String, String> e : options.sourcePaths().entrySet()) {
            String column = e.getKey();
            if (declaredColumns == null) {
                throw new PumpSqlException("a path is given for column \"" + column + "\" but the source columns are"
                        + " not declared", null, "declare them (CREATE OR REPLACE STREAM \"" + app.sourceName()
                        + "\" (...) or pump.source.columns) so each path has a type", null);
            }
            String match = null;
            for (Scope.Column c : declaredColumns) {
                if (c.name().equals(column) || match == null && c.name().equalsIgnoreCase(column)) {
                    match = c.name();
                }
            }
            if (match == null) {
                throw new PumpSqlException("a path is given for column \"" + column + "\", which the source stream"
                        + " does not declare", null, null, null);
            }
            try {
                paths.put(match, JsonPath.parse(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw new PumpSqlException("invalid path '" + e.getValue() + "' for column \"" + column + "\": "
                        + bad.getMessage(), null, null, null);
            }
        }
        Binding declared = declaredColumns == null ? null : bind(app, declaredColumns, paths);
        return new Pump(app, paths, declared);
    }

    private static Binding bind(Application app, List<Scope.Column> columns, Map<String, JsonPath> paths) {
        Pipeline pipeline = app.compile(columns);
        return new Binding(new InputReader(columns, paths, pipeline.usedSourceColumns()), pipeline);
    }

    public Application application() {
        return application;
    }

    /** The Connect schema of output values: the destination stream's columns, all optional. */
    public Schema valueSchema() {
        return valueSchema;
    }

    public List<Scope.Column> outputColumns() {
        return outputColumns;
    }

    /**
     * Runs the pumps on one record value (a Struct, a Map, or JSON as byte[]/String; never null).
     *
     * @return the destination row in the destination's column order, or null when the pumps filtered it out
     * @throws PumpRecordException for bad input or a failing expression, and for anything else one record causes
     *                             (an {@link PumpRecordException#INTERNAL_ERROR})
     * @throws PumpSqlException    when the first record of an undeclared source shows that the SQL refers to a
     *                             column the source does not have
     */
    public Object[] evaluate(Object value, Schema schema, long rowtime, Headers headers) {
        Binding binding;
        Object[] source;
        try {
            Object input = value;
            if (declared != null) {
                binding = declared;
            } else if (value instanceof Struct struct) {
                binding = bindingFor(struct.schema());
            } else if (value instanceof Map) {
                binding = schemaless != null ? schemaless : inferSchemaless(value);
            } else {
                JsonNode node = InputReader.parseJson(value);
                input = node;
                binding = schemaless != null ? schemaless : inferSchemaless(node);
            }
            source = binding.reader().read(input);
        } catch (PumpRecordException | PumpSqlException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw PumpRecordException.unexpected(e);
        }
        return binding.pipeline().run(source, rowtime, headers);
    }

    /**
     * The plan the pumps run, as {@link Pipeline#explain()} prints it: for the declared source columns, or, when
     * they are inferred, for the columns of {@code sample} (a record value as {@link #evaluate} takes it).
     *
     * @throws IllegalArgumentException when the source columns are neither declared nor given by a sample
     * @throws PumpSqlException         when the sample's columns do not fit the SQL
     */
    public String explain(Object sample) {
        if (declared != null) {
            return declared.pipeline().explain();
        }
        if (sample == null) {
            throw new IllegalArgumentException("the source columns of " + application.sourceName() + " are inferred"
                    + " from the records: give one record to explain the plan for, or declare the columns");
        }
        Binding binding = sample instanceof Struct struct ? bindingFor(struct.schema())
                : sample instanceof Map ? inferSchemaless(sample) : inferSchemaless(InputReader.parseJson(sample));
        return binding.pipeline().explain();
    }

    private Binding bindingFor(Schema schema) {
        if (schema == lastSchema) {
            return lastSchemaBinding;
        }
        synchronized (bySchema) {
            Binding b = bySchema.get(schema);
            if (b == null) {
                List<Scope.Column> columns = new ArrayList<>();
                for (Field f : schema.fields()) {
                    columns.add(new Scope.Column(f.name(), ConnectTypes.typeOf(f.schema())));
                }
                b = bind(application, columns, paths);
                if (bySchema.size() >= MAX_CACHED_SCHEMAS) {
                    bySchema.clear();
                }
                bySchema.put(schema, b);
            }
            lastSchemaBinding = b;
            lastSchema = schema;
            return b;
        }
    }

    private synchronized Binding inferSchemaless(Object first) {
        if (schemaless != null) {
            return schemaless;
        }
        List<Scope.Column> columns = new ArrayList<>();
        if (first instanceof JsonNode jsonNode) {
            for (Map.Entry<String, JsonNode> e : jsonNode.properties()) {
                columns.add(new Scope.Column(e.getKey(), InputValues.inferType(e.getValue())));
            }
        } else {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) first).entrySet()) {
                columns.add(new Scope.Column(String.valueOf(e.getKey()), InputValues.inferType(e.getValue())));
            }
        }
        Binding b = bind(application, columns, paths);
        schemaless = b;
        return b;
    }

    /** The destination row as a Connect Struct of {@link #valueSchema()}. */
    public Struct toStruct(Object[] row) {
        Struct struct = new Struct(valueSchema);
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v != null) {
                struct.put(outputFields[i], toConnect[i].apply(v));
            }
        }
        return struct;
    }

    /** The destination row as a JSON object (timestamps as 'yyyy-mm-dd hh:mm:ss[.fff]' text, UTC). */
    public ObjectNode toJson(Object[] row) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < row.length; i++) {
            String name = outputColumns.get(i).name();
            Object v = row[i];
            SqlType type = outputColumns.get(i).type();
            if (v == null) {
                node.putNull(name);
                continue;
            }
            switch (type.kind()) {
                case TINYINT:
                case SMALLINT:
                case INTEGER:
                case BIGINT:
                    node.put(name, (Long) v);
                    break;
                case REAL:
                case DOUBLE:
                    node.put(name, (Double) v);
                    break;
                case DECIMAL:
                    node.put(name, (BigDecimal) v);
                    break;
                case BOOLEAN:
                    node.put(name, (Boolean) v);
                    break;
                case TIMESTAMP:
                    node.put(name, Conversions.formatTimestamp((Long) v));
                    break;
                case DATE:
                    node.put(name, LocalDate.ofEpochDay(Math.floorDiv((Long) v, 86_400_000L)).toString());
                    break;
                case TIME:
                    node.put(name, Conversions.textOf(type).apply(v).toString());
                    break;
                case VARBINARY:
                    node.put(name, Base64.getEncoder().encodeToString((byte[]) v));
                    break;
                default:
                    node.put(name, v.toString());
                    break;
            }
        }
        return node;
    }
}
