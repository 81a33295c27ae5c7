package io.github.ecsexecreadiness.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Function;

/**
 * An SDK client that answers one request type with {@code answer} and records every such request in
 * {@code sent}; the interface's default methods (request builders, paginators) run as in the SDK.
 */
final class FakeSdkClient {
    private FakeSdkClient() {}

    static <C, Q> C of(Class<C> clientType, Class<Q> requestType, Function<Q, Object> answer, List<Object> sent) {
        InvocationHandler handler = (proxy, method, args) -> {
            boolean call = args != null && args.length == 1 && requestType.isInstance(args[0])
                    && !method.getName().endsWith("Paginator");
            if (call) {
                sent.add(args[0]);
                return answer.apply(requestType.cast(args[0]));
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return clientType.cast(Proxy.newProxyInstance(FakeSdkClient.class.getClassLoader(),
                new Class<?>[] {clientType}, handler));
    }
}
