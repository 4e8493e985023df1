extension FileEventStore {
    // MARK: - Keeping bank data private

    /// Makes sure nobody but the owner can reach the store in `directory`, before a writable
    /// open touches it.
    ///
    /// A directory that holds no store yet (no segment, no checkpoint) becomes one: it is set
    /// to 0700 (and any store file already there to 0600), whatever the umask or whoever made
    /// the directory. An existing store whose directory or files others may read or write
    /// (any group or other bit) is refused with `.notPrivate(path:mode:directory:)`, which
    /// names the path, its mode and the fix (`chmod -R go-rwx DIR`): writing more bank data
    /// into a directory others can read would only widen the leak. Read-only opens do not
    /// check (they change nothing).
    ///
    /// Cost: one listing of the directory and one `fstatat` per store file (the segments are
    /// one file per 64 MiB of log), nothing else per file: the names are not sorted, only the
    /// offending one is chosen (the first by name, so the error is always the same).
    static func ensurePrivate(directory: String, fileSystem fs: any StoreFileSystem) throws(EventStoreError) {
        let names = try fs.contentsOfDirectory(directory).filter(isStoreFile)
        let isNew = !names.contains { LogFormat.segmentIndex(ofName: $0) != nil || $0 == Checkpoint.fileName }
        if isNew {
            if try fs.permissions(of: directory) != 0o700 { try fs.setPermissions(of: directory, to: 0o700) }
            for name in names where try fs.permissions(of: directory + "/" + name) != 0o600 {
                try fs.setPermissions(of: directory + "/" + name, to: 0o600)
            }
            return
        }
        let mode = try fs.permissions(of: directory)
        if mode & 0o077 != 0 { throw .notPrivate(path: directory, mode: mode, directory: directory) }
        let modes = try fs.permissions(of: names, in: directory)
        var refused: (name: String, mode: UInt16)?
        for (name, mode) in zip(names, modes) where mode & 0o077 != 0 && refused.map({ name < $0.name }) ?? true {
            refused = (name, mode)
        }
        if let refused { throw .notPrivate(path: directory + "/" + refused.name, mode: refused.mode, directory: directory) }
    }

    /// Whether `name` is one of the files a store keeps in its directory.
    static func isStoreFile(_ name: String) -> Bool {
        LogFormat.segmentIndex(ofName: name) != nil || name == Checkpoint.fileName || name == "lock"
            || name == IndexManifest.fileName || name == IndexManifest.fileName + ".tmp" || IndexPart.isPartName(name)
            || name == StoreStreamFilter.fileName || name == StoreStreamFilter.fileName + ".tmp"
            || name == IndexSnapshot.legacyFileName || name == IndexSnapshot.legacyFileName + ".tmp"
    }
}
