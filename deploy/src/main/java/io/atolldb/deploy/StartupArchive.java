package io.atolldb.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The class-data-sharing archive of AtollDB's classes, kept beside the jar ({@code atoll.jar} ->
 * {@code atoll.jsa}). A JVM started from it maps the classes it needs already parsed and verified instead
 * of loading them from the jar: {@code atoll dev} is ready in about half the time (measured on 2 CPUs:
 * 3.0-5.4 s without, 1.5-1.9 s with). Where it matters most is a storage node restarting after a fault: while
 * it starts, its partitions run on two replicas, and a second fault in that window stops them.
 *
 * <p>The archive is built once per jar by {@link #ensure}: a run of the hidden {@code atoll warmup}
 * command under {@code -XX:ArchiveClassesAtExit}. It is only an optimisation: when it is missing, stale
 * (older than the jar) or cannot be built, processes start without it, and the JVM itself ignores an
 * archive that does not match its jar.
 */
public final class StartupArchive {
    private static final long BUILD_TIMEOUT_SECONDS = 180;

    private StartupArchive() {
    }

    /** Where the archive of {@code jar} lives. */
    public static Path of(Path jar) {
        String name = jar.getFileName().toString();
        String base = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        return jar.resolveSibling(base + ".jsa");
    }

    /**
     * The JVM options that start from the archive of {@code jar}. The JVM silently ignores an archive that is
     * missing or was made from another version of the jar (it records the jar's size and time).
     */
    public static List<String> jvmOptions(Path jar) {
        return List.of("-XX:SharedArchiveFile=" + of(jar), "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /**
     * Builds the archive of {@code jar} unless an up-to-date one exists, running {@code java} with
     * {@code jvmOptions} (those the processes will run with, so the archive matches them). Callers in
     * several processes may race: one builds under a file lock, the others wait for it. Returns whether an
     * up-to-date archive exists afterwards; never throws for a failed build (the build's output goes to
     * {@code <archive>.log}). A build is tried once per jar: after a failed one (its log is newer than the
     * jar, the archive is not), later calls return false at once instead of spending the warmup again.
     */
    public static boolean ensure(String java, Path jar, List<String> jvmOptions) {
        Path archive = of(jar);
        Path lockFile = archive.resolveSibling(archive.getFileName() + ".lock");
        Path log = archive.resolveSibling(archive.getFileName() + ".log");
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var ignored = lock.lock()) {
            if (Files.isRegularFile(archive) && newer(archive, jar)) {
                return true;
            }
            if (Files.isRegularFile(log) && newer(log, jar)) {
                return false;
            }
            Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
            Files.deleteIfExists(partial);
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmOptions);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-cp", jar.toString(), Atoll.class.getName(), "warmup"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                Files.deleteIfExists(partial);
                return false;
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(partial)) {
                Files.deleteIfExists(partial);
                return false;
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean newer(Path file, Path jar) throws IOException {
        FileTime fileTime = Files.getLastModifiedTime(file);
        return fileTime.compareTo(Files.getLastModifiedTime(jar)) > 0;
    }
}
