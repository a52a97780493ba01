package io.subito.deploy;

import io.subito.servlet.lifecycle.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks a WAR into a directory, all or nothing. Every entry is checked before a byte is
 * written: one that would land outside the target (a {@code ..} segment, an absolute path, a
 * drive letter) or that is a symbolic link refuses the whole WAR. The files are written into a
 * hidden staging directory beside the target and moved into place only when complete, so a
 * failure leaves nothing behind. Commons Compress is used (not java.util.zip) because only it
 * exposes the Unix mode bits that mark an entry as a symbolic link.
 */
public final class WarUnpacker {
    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");

    /** Unpacks {@code war} into {@code target}, replacing whatever was there. */
    public void unpack(Path war, Path target) throws DeploymentException {
        Path staging = target.resolveSibling("." + target.getFileName() + ".unpacking-" + System.nanoTime());
        try (ZipFile zip = open(war)) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            for (ZipArchiveEntry e : entries) {
                checkEntry(war, e);
            }
            extract(war, zip, entries, staging);
            FileTrees.deleteRecursively(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new WarNotReadyException(war + ": cannot unpack (" + e.getMessage() + ")", e);
        } finally {
            FileTrees.deleteQuietly(staging);
        }
    }

    private static ZipFile open(Path war) throws WarNotReadyException {
        try {
            return ZipFile.builder().setPath(war).get();
        } catch (IOException | RuntimeException e) {
            throw new WarNotReadyException(war + ": not a complete zip file, perhaps still being copied ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Refuses an entry that could escape the target directory, naming it. */
    static void checkEntry(Path war, ZipArchiveEntry e) throws DeploymentException {
        String name = e.getName();
        String reason = unsafeReason(name);
        if (reason == null && e.isUnixSymlink()) {
            reason = "is a symbolic link";
        }
        if (reason != null) {
            throw new DeploymentException(war + ": refused, entry '" + name + "' " + reason);
        }
    }

    /** Why an entry name is unsafe to write under a directory, or null when it is safe. */
    static String unsafeReason(String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            return "has an invalid name";
        }
        if (name.startsWith("/") || name.startsWith("\\")) {
            return "is an absolute path";
        }
        if (DRIVE_LETTER.matcher(name).matches()) {
            return "starts with a drive letter";
        }
        // backslashes count as separators: a WAR made to attack Windows is refused everywhere
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return "leaves the target directory (..)";
            }
        }
        return null;
    }

    private static void extract(Path war, ZipFile zip, List<ZipArchiveEntry> entries, Path staging)
            throws IOException, DeploymentException {
        Files.createDirectories(staging);
        Path root = staging.toAbsolutePath().normalize();
        List<ZipArchiveEntry> files = new ArrayList<>();
        for (ZipArchiveEntry e : entries) {
            Path dest = root.resolve(e.getName()).normalize();
            if (!dest.startsWith(root)) { // belt and braces behind unsafeReason
                throw new DeploymentException(war + ": refused, entry '" + e.getName() + "' leaves the target directory");
            }
            if (e.isDirectory()) {
                Files.createDirectories(dest);
            } else {
                files.add(e);
            }
        }
        for (ZipArchiveEntry e : files) {
            Path dest = root.resolve(e.getName()).normalize();
            Files.createDirectories(dest.getParent());
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
            }
            if (e.getLastModifiedDate() != null && e.getTime() > 0) {
                Files.setLastModifiedTime(dest, java.nio.file.attribute.FileTime.fromMillis(e.getTime()));
            }
        }
    }
}
