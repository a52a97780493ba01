package io.subito.deploy;

import java.nio.file.Path;

/**
 * {@code [--home DIR] [--port N] [--webapps DIR]}: where conf/, work/ and logs/ live (default:
 * the {@code subito.home} property or the current directory), and overrides of the
 * configuration that bin/start.sh passes through.
 */
record CommandLine(Path home, Integer port, Path webapps) {
    static CommandLine parse(String[] args) {
        Path home = Path.of(System.getProperty("subito.home", "."));
        Integer port = null;
        Path webapps = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home" -> home = Path.of(value(args, ++i, a));
                case "--port" -> port = port(value(args, ++i, a));
                case "--webapps" -> webapps = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (usage: [--home DIR] [--port N] [--webapps DIR])");
            }
        }
        return new CommandLine(home.toAbsolutePath().normalize(), port, webapps);
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
