package io.sluice.server.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Lets one test body drive the async client: each {@link KinesisClient} call goes to the async method of the
 * same signature and waits for it, rethrowing the service exception as the sync client would.
 */
final class AsyncAsSync {

    private AsyncAsSync() {
    }

    static KinesisClient wrap(KinesisAsyncClient async) {
        return (KinesisClient) Proxy.newProxyInstance(AsyncAsSync.class.getClassLoader(),
                new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                    Method target = KinesisAsyncClient.class.getMethod(method.getName(), method.getParameterTypes());
                    Object result;
                    try {
                        result = target.invoke(async, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (!(result instanceof CompletableFuture<?> future)) {
                        return result;
                    }
                    try {
                        return future.get();
                    } catch (ExecutionException | CompletionException e) {
                        throw e.getCause();
                    }
                });
    }
}
