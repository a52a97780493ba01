package io.subito.deploy;

import java.nio.file.Path;

/**
 * {@code [--base DIR] [--port N] [--webapps DIR] [--status-file FILE] [--no-console-log]
 * [--check-config | --version]}: the instance directory holding conf/, webapps/, work/ and logs/
 * (bin/start.sh's {@code SUBITO_BASE}; default: the {@code subito.base} property, else
 * {@code subito.home}, else the current directory; {@code --home} is the same option under its
 * older name), overrides of the configuration that bin/start.sh passes through, where to keep the
 * running server's status for {@code bin/start.sh status}, whether log records also go to the
 * console (bin/start.sh in the background says not: its console is logs/console.out, and the
 * records are in the log file already), and the two commands that print and exit instead of serving.
 */
record CommandLine(Path base, Integer port, Path webapps, Path statusFile, boolean consoleLog, Command command) {
    static final String USAGE = "usage: [--base DIR] [--port N] [--webapps DIR] [--status-file FILE]"
            + " [--no-console-log] [--check-config | --version]";

    /** What the main does. */
    enum Command {
        SERVE, CHECK_CONFIG, VERSION
    }

    static CommandLine parse(String[] args) {
        Path base = Path.of(System.getProperty("subito.base", System.getProperty("subito.home", ".")));
        Integer port = null;
        Path webapps = null;
        Path statusFile = null;
        boolean consoleLog = true;
        Command command = Command.SERVE;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--base", "--home" -> base = Path.of(value(args, ++i, a));
                case "--port" -> port = port(value(args, ++i, a));
                case "--webapps" -> webapps = Path.of(value(args, ++i, a));
                case "--status-file" -> statusFile = Path.of(value(args, ++i, a));
                case "--no-console-log" -> consoleLog = false;
                case "--check-config" -> command = Command.CHECK_CONFIG;
                case "--version" -> command = Command.VERSION;
                default -> throw new IllegalArgumentException("unknown option " + a + " (" + USAGE + ")");
            }
        }
        return new CommandLine(base.toAbsolutePath().normalize(), port, webapps, statusFile, consoleLog, command);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String v) {
        try {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("--port " + v + " is out of range [0, 65535]");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port " + v + " is not a number");
        }
    }
}
