package io.lskd.vision.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads one split of a class-per-folder image dataset straight from a {@code .tar.gz}
 * archive, without unpacking it: entries {@code <split>/<class>/<image>} or
 * {@code <top>/<split>/<class>/<image>}. Classes and images are ordered by name, as
 * {@link ImageFolderReader} orders an unpacked tree, so both give the same set.
 */
public final class ImageArchiveReader {

    private ImageArchiveReader() {
    }

    /**
     * Reads split {@code split} ("train" or "test") of the archive.
     *
     * @return derivation = the split name, source = the archive path and split
     * @throws DatasetFileException naming the archive (unreadable, no such split) or the odd image
     */
    public static ImageSet read(Path archive, String split) throws DatasetFileException {
        Map<String, Map<String, byte[]>> classes = new TreeMap<>();
        String where = archive.toString();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
            TarReader tar = new TarReader(in, where);
            TarReader.Entry entry;
            while ((entry = tar.next(name -> classAndFile(name, split) != null)) != null) {
                String[] parts = classAndFile(entry.name(), split);
                classes.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(parts[1], entry.data());
            }
        } catch (IOException e) {
            if (e instanceof DatasetFileException d) {
                throw d;
            }
            throw new DatasetFileException(where, "cannot read the archive: " + e, e);
        }
        if (classes.isEmpty()) {
            throw new DatasetFileException(where, "holds no " + split + "/<class>/<image>.jpg|.png entries");
        }
        List<String> classNames = new ArrayList<>();
        List<ImageFolderReader.Decoded> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Map.Entry<String, Map<String, byte[]>> c : classes.entrySet()) {
            for (Map.Entry<String, byte[]> file : c.getValue().entrySet()) {
                String name = where + "!" + split + "/" + c.getKey() + "/" + file.getKey();
                ImageFolderReader.addSameSize(images,
                        ImageFolderReader.decode(name, new ByteArrayInputStream(file.getValue())));
                labels.add(classNames.size());
            }
            classNames.add(c.getKey());
        }
        return ImageFolderReader.assemble(split, where + "!" + split, classNames, images, labels);
    }

    /** {class, file} of an image entry of the split, or null for any other entry. */
    private static String[] classAndFile(String entryName, String split) {
        String name = entryName.startsWith("./") ? entryName.substring(2) : entryName;
        String[] parts = name.split("/");
        int at = parts.length == 3 ? 0 : parts.length == 4 ? 1 : -1;
        if (at < 0 || !parts[at].equals(split) || parts[at + 2].startsWith(".")
                || !ImageFolderReader.isImageName(parts[at + 2])) {
            return null;
        }
        return new String[] {parts[at + 1], parts[at + 2]};
    }
}
