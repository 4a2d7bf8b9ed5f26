package dev.kiwiops.console;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the console writes attachments (charts, attack logs, long shell output, which may hold
 * secrets). By default a private folder of this process, made on first use under the system's
 * temporary folder: mode 0700, created atomically with a unique name, so no other local user can
 * plant files or links in it and no two runs share it. A folder named with {@code --attachments}
 * must be a real folder (not a link) owned by us that no one else may write to; a new one is made
 * 0700. Files are 0600, created new (an existing file or link of the same name is never followed
 * nor overwritten: the next free name is taken).
 */
public final class AttachmentFolder {
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final int MAX_NAME = 100;
  private static final int MAX_TRIES = 1000;

  private final Path chosen;
  private final Path temporaryParent;
  private final AtomicInteger counter = new AtomicInteger();
  private Path folder;

  private AttachmentFolder(Path chosen, Path temporaryParent) {
    this.chosen = chosen;
    this.temporaryParent = temporaryParent;
  }

  /**
   * A private folder of this process under {@code parent} (usually {@code java.io.tmpdir}), made
   * the first time an attachment is written.
   */
  public static AttachmentFolder privateTemporary(Path parent) {
    return new AttachmentFolder(null, parent);
  }

  /**
   * The folder the user named: made (0700) if it does not exist; refused if it is a link, not a
   * folder, not ours, or writable by others.
   *
   * @throws UnsafeFolderException with a sentence saying why the folder cannot be used
   */
  public static AttachmentFolder chosen(Path folder) throws UnsafeFolderException {
    Path dir = prepare(folder);
    AttachmentFolder result = new AttachmentFolder(dir, null);
    result.folder = dir;
    return result;
  }

  /**
   * Like {@link #chosen}, but checked when the first attachment is written (a refusal then fails
   * that write with the reason).
   */
  public static AttachmentFolder checkedOnFirstUse(Path folder) {
    return new AttachmentFolder(folder, null);
  }

  private static Path prepare(Path folder) throws UnsafeFolderException {
    Path dir = folder.toAbsolutePath().normalize();
    try {
      Files.createDirectory(dir, ownerOnly(dir, OWNER_ONLY_DIR));
    } catch (FileAlreadyExistsException e) {
      // Someone (maybe we, earlier) made it: checked below like any existing folder.
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UnsafeFolderException(
          "the attachments folder " + dir + " cannot be made: its parent folder does not exist");
    } catch (IOException e) {
      throw new UnsafeFolderException(
          "the attachments folder " + dir + " cannot be made: " + e.getMessage());
    }
    checkOurs(dir);
    return dir;
  }

  /** The folder, once it exists (a private temporary one is made on first use). */
  public synchronized java.util.Optional<Path> location() {
    return java.util.Optional.ofNullable(folder);
  }

  /**
   * Writes {@code data} to a new file named after {@code name} (unsafe characters replaced) and
   * returns its path; never overwrites or follows an existing file or link.
   */
  public Path write(String name, byte[] data) throws IOException {
    Path dir = folder();
    String safe = safeName(name);
    for (int i = 0; i < MAX_TRIES; i++) {
      Path file = dir.resolve(counter.getAndIncrement() + "-" + safe);
      Set<OpenOption> options =
          Set.of(
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      try (SeekableByteChannel channel =
              Files.newByteChannel(file, options, ownerOnly(dir, OWNER_ONLY_FILE));
          OutputStream stream = Channels.newOutputStream(channel)) {
        stream.write(data);
        return file;
      } catch (FileAlreadyExistsException e) {
        // Left by an earlier run (or planted): take the next name, never touch that one.
      }
    }
    throw new IOException("no free file name in " + dir);
  }

  private synchronized Path folder() throws IOException {
    if (folder == null && chosen != null) {
      try {
        folder = prepare(chosen);
      } catch (UnsafeFolderException e) {
        throw new IOException(e.getMessage(), e);
      }
    } else if (folder == null) {
      folder =
          Files.createTempDirectory(
              temporaryParent, "kiwiops-attachments-", ownerOnly(temporaryParent, OWNER_ONLY_DIR));
    }
    return folder;
  }

  static String safeName(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > MAX_NAME) {
      safe = safe.substring(safe.length() - MAX_NAME);
    }
    return safe.isEmpty() ? "attachment" : safe;
  }

  private static void checkOurs(Path dir) throws UnsafeFolderException {
    try {
      if (Files.isSymbolicLink(dir)) {
        throw new UnsafeFolderException(
            "the attachments folder " + dir + " is a symbolic link; name the real folder");
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeFolderException("the attachments folder " + dir + " is not a folder");
      }
      if (!posix(dir)) {
        return;
      }
      PosixFileAttributes attributes =
          Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      UserPrincipal me = currentUser(dir);
      if (me != null && !attributes.owner().equals(me)) {
        throw new UnsafeFolderException(
            "the attachments folder "
                + dir
                + " belongs to "
                + attributes.owner().getName()
                + ", not to you; name a folder of your own");
      }
      Set<PosixFilePermission> mode = attributes.permissions();
      if (mode.contains(PosixFilePermission.GROUP_WRITE)
          || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw new UnsafeFolderException(
            "the attachments folder "
                + dir
                + " may be written by others; use chmod 700 or name another folder");
      }
    } catch (IOException e) {
      throw new UnsafeFolderException(
          "the attachments folder " + dir + " cannot be checked: " + e.getMessage());
    }
  }

  /** The user this process runs as, or null where the system cannot tell. */
  private static UserPrincipal currentUser(Path near) {
    Path self = Path.of("/proc/self");
    try {
      if (Files.exists(self)) {
        return Files.getOwner(self);
      }
    } catch (IOException | RuntimeException e) {
      // fall back to the name below
    }
    try {
      return near.getFileSystem()
          .getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] ownerOnly(Path near, Set<PosixFilePermission> mode) {
    return posix(near)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }

  /** The named attachments folder cannot be used safely; the message says why. */
  public static final class UnsafeFolderException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsafeFolderException(String message) {
      super(message);
    }
  }
}
