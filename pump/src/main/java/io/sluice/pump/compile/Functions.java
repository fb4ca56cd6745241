package io.sluice.pump.compile;

import io.sluice.pump.sql.Ast;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scalar functions of KDA SQL by name, each type-checked and compiled to a {@link Term} once. The families
 * register themselves: {@link StringFunctions}, {@link NumericFunctions}, {@link NullFunctions},
 * {@link TimeFunctions}. Every function returns NULL when an argument is NULL (COALESCE and NULLIF aside).
 */
final class Functions {

    /** Type-checks one call's arguments and compiles it. */
    interface FunctionCompiler {
        Typed compile(FunctionCall call);
    }

    private static final Map<String, FunctionCompiler> FUNCTIONS = new TreeMap<>();
    private static final Map<String, String> USAGE = new TreeMap<>();

    static void register(String name, String usage, FunctionCompiler compiler) {
        FUNCTIONS.put(name, compiler);
        USAGE.put(name, usage);
    }

    /** Function name → usage, for documentation. */
    static Map<String, String> usage() {
        return USAGE;
    }

    private static final Set<String> DETERMINISTIC_EXCEPTIONS = Set.of("CURRENT_TIMESTAMP", "CURRENT_ROW_TIMESTAMP",
            "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME");

    static Typed compile(ExpressionCompiler c, Ast.Call ast) {
        FunctionCompiler f = FUNCTIONS.get(ast.name());
        if (f == null) {
            String near = Names.nearest(ast.name(), FUNCTIONS.keySet(), false);
            throw c.error("Unknown function " + ast.name(), ast.position(),
                    near != null ? "did you mean " + near + "?" : "functions: " + String.join(", ", FUNCTIONS.keySet()));
        }
        FunctionCall call = new FunctionCall(c, ast);
        Typed t = f.compile(call);
        boolean constant = !DETERMINISTIC_EXCEPTIONS.contains(ast.name()) && call.constant();
        return new Typed(t.term(), t.type(), constant);
    }

    static {
        StringFunctions.registerAll();
        NumericFunctions.registerAll();
        NullFunctions.registerAll();
        TimeFunctions.registerAll();
    }

    private Functions() {
    }
}
