package io.atolldb.chaos.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A history on disk as JSON lines: one {@link Op} per line, in completion order. Reading sorts by index,
 * so a saved history replays through the checkers exactly as it was recorded.
 */
public final class HistoryFile {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private HistoryFile() {
    }

    /** Opens {@code file} for appending operations (created or truncated). */
    public static Writer create(Path file) throws IOException {
        return new Writer(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Every operation in {@code file}, in index order; blank lines are skipped. */
    public static List<Op> read(Path file) throws IOException {
        List<Op> ops = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ops.add(JSON.readValue(line, Op.class));
                } catch (IOException e) {
                    throw new IOException(file + ":" + number + ": not an operation: " + e.getMessage(), e);
                }
            }
        }
        ops.sort(Comparator.comparingLong(Op::index));
        return ops;
    }

    /** Writes a whole history at once. */
    public static void write(Path file, List<Op> ops) throws IOException {
        try (Writer writer = create(file)) {
            for (Op op : ops) {
                writer.append(op);
            }
        }
    }

    /** Appends operations one line each; flushed after every line so a crash loses at most one. */
    public static final class Writer implements AutoCloseable {
        private final BufferedWriter out;

        private Writer(BufferedWriter out) {
            this.out = out;
        }

        public synchronized void append(Op op) throws IOException {
            out.write(JSON.writeValueAsString(op));
            out.newLine();
            out.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }
}
