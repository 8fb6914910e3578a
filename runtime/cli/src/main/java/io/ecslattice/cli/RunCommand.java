package io.ecslattice.cli;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run <workflow class> [args]}: runs a workflow's {@code main}, which dispatches its lattice. */
@Command(name = "run", description = "Runs the main method of a workflow class (which dispatches its lattice).")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW_CLASS", description = "fully qualified class with a main method")
    String workflowClass;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments passed to its main method")
    List<String> args = new ArrayList<>();

    @Option(names = {"-cp", "--classpath"}, paramLabel = "PATHS",
            description = "extra class path entries holding the workflow (separated by ':')")
    String classpath;

    @Override
    public Integer call() throws Exception {
        ClassLoader loader = loader();
        Class<?> type;
        try {
            type = Class.forName(workflowClass, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("workflow class " + workflowClass + " is not on the class path"
                    + (classpath == null ? "; add its classes with --classpath" : " (nor in " + classpath + ")"), e);
        }
        Method main = type.getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new IllegalArgumentException(workflowClass + ".main is not static");
        }
        Thread.currentThread().setContextClassLoader(loader);
        try {
            main.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        return EcsLatticeCli.OK;
    }

    private ClassLoader loader() throws Exception {
        ClassLoader parent = RunCommand.class.getClassLoader();
        if (classpath == null || classpath.isBlank()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }
}
