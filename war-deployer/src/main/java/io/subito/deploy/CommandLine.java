package io.subito.deploy;

import java.nio.file.Path;

/**
 * {@code [--home DIR] [--port N] [--webapps DIR] [--no-console-log]}: where conf/, work/ and
 * logs/ live (default: the {@code subito.home} property or the current directory), overrides of
 * the configuration that bin/start.sh passes through, and whether log records also go to the
 * console (bin/start.sh in the background says not: its console is logs/console.out, and the
 * records are in the log file already).
 */
record CommandLine(Path home, Integer port, Path webapps, boolean consoleLog) {
    static CommandLine parse(String[] args) {
        Path home = Path.of(System.getProperty("subito.home", "."));
        Integer port = null;
        Path webapps = null;
        boolean consoleLog = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home" -> home = Path.of(value(args, ++i, a));
                case "--port" -> port = port(value(args, ++i, a));
                case "--webapps" -> webapps = Path.of(value(args, ++i, a));
                case "--no-console-log" -> consoleLog = false;
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (usage: [--home DIR] [--port N] [--webapps DIR] [--no-console-log])");
            }
        }
        return new CommandLine(home.toAbsolutePath().normalize(), port, webapps, consoleLog);
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
