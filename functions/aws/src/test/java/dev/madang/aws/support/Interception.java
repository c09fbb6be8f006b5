package dev.madang.aws.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One of our ports (an interface) in front of its real adapter, so that a test can put something between a call and
 * its effect: run an action just before a matching call reaches the adapter, or just after it returned, or make the
 * call fail before it acts ("the request never arrived") or after it acted ("the answer was lost"). Each hook fires
 * once. The adapter itself always runs for real; this is no mock.
 */
public final class Interception<T> implements InvocationHandler {

    /** A call as the hook sees it. */
    public record Call(String method, Object[] args) {
        public Object arg(int i) {
            return args[i];
        }
    }

    /** Thrown by an injected fault; the code under test sees a plain RuntimeException, as from a timeout. */
    public static final class InjectedFault extends RuntimeException {
        public InjectedFault(String message) {
            super(message, null, false, false);
        }
    }

    private enum When { BEFORE, AFTER }

    private record Hook(When when, Predicate<Call> matches, Runnable action, boolean fail) {
    }

    private final T real;
    private final T proxy;
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();

    private Interception(Class<T> port, T real) {
        this.real = real;
        this.proxy = port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, this));
    }

    public static <T> Interception<T> of(Class<T> port, T real) {
        return new Interception<>(port, real);
    }

    public T proxy() {
        return proxy;
    }

    /** Runs {@code action} once, just before the next call that matches reaches the adapter. */
    public Interception<T> before(Predicate<Call> matches, Runnable action) {
        hooks.add(new Hook(When.BEFORE, matches, action, false));
        return this;
    }

    /** Runs {@code action} once, just after the next call that matches returned from the adapter. */
    public Interception<T> after(Predicate<Call> matches, Runnable action) {
        hooks.add(new Hook(When.AFTER, matches, action, false));
        return this;
    }

    /** The next matching call fails without reaching the adapter. */
    public Interception<T> failBefore(Predicate<Call> matches) {
        hooks.add(new Hook(When.BEFORE, matches, () -> { }, true));
        return this;
    }

    /** The next matching call reaches the adapter and acts, then fails as if its answer were lost. */
    public Interception<T> failAfter(Predicate<Call> matches) {
        hooks.add(new Hook(When.AFTER, matches, () -> { }, true));
        return this;
    }

    /** Forgets hooks that have not fired. */
    public void clear() {
        hooks.clear();
    }

    public static Predicate<Call> method(String name) {
        return call -> call.method().equals(name);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(real, args);
        }
        Call call = new Call(method.getName(), args == null ? new Object[0] : args);
        fire(When.BEFORE, call);
        Object result;
        try {
            result = method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        fire(When.AFTER, call);
        return result;
    }

    private void fire(When when, Call call) {
        for (Hook hook : hooks) {
            if (hook.when() == when && hook.matches().test(call) && hooks.remove(hook)) {
                hook.action().run();
                if (hook.fail()) {
                    throw new InjectedFault("injected fault " + when.name().toLowerCase() + " " + call.method());
                }
            }
        }
    }
}
