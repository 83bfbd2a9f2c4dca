#include "planck/git/loose_backend.hpp"
#include "planck/git/handles.hpp"

#include <git2/sys/odb_backend.h>
#if __has_include(<git2/sys/errors.h>)
#include <git2/sys/errors.h>   // git_error_clear and git_error_set_str from libgit2 1.8 on
#endif
#include <zlib.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>

namespace planck::git {

namespace {

// Above libgit2's own backends (packs 2, loose objects 1): a loose object is read here first.
constexpr int k_priority = 3;

// Larger objects are left to libgit2: one zlib call takes at most this much.
constexpr std::size_t k_largest = std::size_t{1} << 30;

struct Inflated
{
  git_object_t type = GIT_OBJECT_INVALID;
  std::size_t size = 0;
  std::string data;   // empty when only the header was asked for
  const char* error = nullptr;
};

git_object_t type_named(std::string_view name)
{
  if (name == "blob") {
    return GIT_OBJECT_BLOB;
  }
  if (name == "tree") {
    return GIT_OBJECT_TREE;
  }
  if (name == "commit") {
    return GIT_OBJECT_COMMIT;
  }
  if (name == "tag") {
    return GIT_OBJECT_TAG;
  }
  return GIT_OBJECT_INVALID;
}

// Inflates the loose object file `compressed`: its header (`blob 1234\0`) and, unless
// `header_only`, exactly the size it gives, with every bound checked: a truncated or corrupt file
// is an error, never a loop.
Inflated inflate_object(std::string_view compressed, bool header_only)
{
  Inflated result;
  if (compressed.size() > std::numeric_limits<uInt>::max()) {
    result.error = "the loose object file is too large to read here";
    return result;
  }
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    result.error = "zlib could not start";
    return result;
  }
  const std::unique_ptr<z_stream, int (*)(z_stream*)> end(&stream, inflateEnd);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  // The header is at most "commit " and 20 digits and a NUL: 64 bytes hold it and some content.
  std::array<char, 64> head{};
  stream.next_out = reinterpret_cast<Bytef*>(head.data());
  stream.avail_out = static_cast<uInt>(head.size());
  int code = inflate(&stream, Z_SYNC_FLUSH);
  const std::size_t head_size = head.size() - stream.avail_out;
  if (code != Z_OK && code != Z_STREAM_END && code != Z_BUF_ERROR) {
    result.error = "the loose object file is corrupt";
    return result;
  }
  const std::string_view header(head.data(), head_size);
  const auto nul = header.find('\0');
  const auto space = header.find(' ');
  if (nul == std::string_view::npos || space == std::string_view::npos || space > nul) {
    result.error = head_size < head.size() && code != Z_STREAM_END ? "the loose object file is truncated"
                                                                     : "the loose object file has no valid header";
    return result;
  }
  result.type = type_named(header.substr(0, space));
  const std::string_view digits = header.substr(space + 1, nul - space - 1);
  if (result.type == GIT_OBJECT_INVALID || digits.empty() || digits.size() > 19 ||
      digits.find_first_not_of("0123456789") != std::string_view::npos) {
    result.error = "the loose object file has no valid header";
    return result;
  }
  result.size = std::stoull(std::string(digits));
  if (header_only) {
    return result;
  }
  if (result.size > k_largest) {
    result.error = nullptr;
    result.type = GIT_OBJECT_INVALID;   // left to libgit2
    return result;
  }
  const std::string_view first = header.substr(nul + 1);
  if (first.size() > result.size) {
    result.error = "the loose object file holds more than its header says";
    return result;
  }
  result.data.resize(result.size);
  std::memcpy(result.data.data(), first.data(), first.size());
  std::size_t produced = first.size();
  if (code != Z_STREAM_END) {
    // All the input and all the room that is left, in one call: it ends the stream or says why not.
    stream.next_out = reinterpret_cast<Bytef*>(result.data.data() + produced);
    stream.avail_out = static_cast<uInt>(result.size - produced);
    code = inflate(&stream, Z_FINISH);
    produced = result.size - stream.avail_out;
    if (code == Z_BUF_ERROR && stream.avail_out == 0) {
      // No room left and the stream not over: more data than the header said, unless only the
      // stream's end marker is left, which a call with a byte of room finds.
      char spare = 0;
      stream.next_out = reinterpret_cast<Bytef*>(&spare);
      stream.avail_out = 1;
      code = inflate(&stream, Z_FINISH);
      if (stream.avail_out == 0) {
        result.error = "the loose object file holds more than its header says";
        return result;
      }
    }
  }
  if (code != Z_STREAM_END) {
    result.error = code == Z_BUF_ERROR ? "the loose object file is truncated" : "the loose object file is corrupt";
    return result;
  }
  if (produced != result.size) {
    result.error = "the loose object file holds less than its header says";
  }
  return result;
}

struct Backend
{
  git_odb_backend parent;   // first: libgit2 hands back a pointer to it
  std::filesystem::path objects;
  // The files of each fan-out folder (`objects/ab/`), listed once: most reads are of packed
  // objects, and a failed open per read would cost more than the listing.
  std::array<std::optional<std::unordered_set<std::string>>, 256> listed;

  // The file names in fan-out folder `fan` (the first byte of the ids it holds).
  const std::unordered_set<std::string>& names_in(unsigned char fan)
  {
    auto& names = listed[fan];
    if (!names) {
      names.emplace();
      char folder[3] = {};
      std::snprintf(folder, sizeof folder, "%02x", static_cast<unsigned>(fan));
      std::error_code error;
      for (std::filesystem::directory_iterator it(objects / folder, error), end; !error && it != end;
           it.increment(error)) {
        names->insert(it->path().filename().string());
      }
    }
    return *names;
  }

  std::optional<std::filesystem::path> file_of(const git_oid* id)
  {
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, id);
    if (names_in(id->id[0]).count(hex + 2) == 0) {
      return std::nullopt;
    }
    return objects / std::string(hex, 2) / (hex + 2);
  }
};

Backend& self(git_odb_backend* backend)
{
  return *reinterpret_cast<Backend*>(backend);
}

// The object `id` as its loose file holds it: GIT_ENOTFOUND when there is no such file (libgit2's
// backends answer then), an error with libgit2's message when the file is damaged.
int read_loose(Inflated& out, git_odb_backend* backend, const git_oid* id, bool header_only)
{
  const auto file = self(backend).file_of(id);
  if (!file) {
    return GIT_ENOTFOUND;
  }
  std::ifstream in(*file, std::ios::binary);
  if (!in) {
    return GIT_ENOTFOUND;
  }
  const std::string compressed{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  out = inflate_object(compressed, header_only);
  if (out.error != nullptr) {
    git_error_set_str(GIT_ERROR_ODB, out.error);
    return GIT_ERROR;
  }
  if (out.type == GIT_OBJECT_INVALID) {
    return GIT_PASSTHROUGH;   // too large for one call here: libgit2 reads it
  }
  return 0;
}

int read(void** data, std::size_t* size, git_object_t* type, git_odb_backend* backend, const git_oid* id)
{
  try {
    Inflated object;
    if (const int code = read_loose(object, backend, id, false); code != 0) {
      return code;
    }
    void* buffer = git_odb_backend_data_alloc(backend, object.size == 0 ? 1 : object.size);
    if (buffer == nullptr) {
      return GIT_ERROR;
    }
    std::memcpy(buffer, object.data.data(), object.size);
    *data = buffer;
    *size = object.size;
    *type = object.type;
    return 0;
  } catch (...) {
    return GIT_ERROR;   // no exception crosses libgit2's C frames
  }
}

int read_header(std::size_t* size, git_object_t* type, git_odb_backend* backend, const git_oid* id)
{
  try {
    Inflated object;
    if (const int code = read_loose(object, backend, id, true); code != 0) {
      return code;
    }
    *size = object.size;
    *type = object.type;
    return 0;
  } catch (...) {
    return GIT_ERROR;
  }
}

int read_prefix(git_oid* found, void** data, std::size_t* size, git_object_t* type, git_odb_backend* backend,
                const git_oid* prefix, std::size_t length)
{
  try {
    // A full id is an ordinary read; a short one is matched against the fan-out folder's files.
    if (length >= GIT_OID_HEXSZ) {
      git_oid_cpy(found, prefix);
      return read(data, size, type, backend, prefix);
    }
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, prefix);
    if (length < 2) {
      return GIT_PASSTHROUGH;
    }
    const auto& names = self(backend).names_in(prefix->id[0]);
    const std::string_view rest(hex + 2, length - 2);
    std::optional<std::string> match;
    for (const auto& name : names) {
      if (name.size() == GIT_OID_HEXSZ - 2 && std::string_view(name).substr(0, rest.size()) == rest) {
        if (match) {
          git_error_set_str(GIT_ERROR_ODB, "ambiguous short id");
          return GIT_EAMBIGUOUS;
        }
        match = name;
      }
    }
    if (!match) {
      return GIT_ENOTFOUND;
    }
    const std::string full = std::string(hex, 2) + *match;
    if (git_oid_fromstr(found, full.c_str()) < 0) {
      return GIT_ENOTFOUND;
    }
    return read(data, size, type, backend, found);
  } catch (...) {
    return GIT_ERROR;
  }
}

void free_backend(git_odb_backend* backend)
{
  delete &self(backend);
}

} // namespace

int guard_loose_objects(git_repository* repo)
{
  git_odb* odb = nullptr;
  if (const int code = git_repository_odb(&odb, repo); code < 0) {
    return code;
  }
  const OdbPtr held(odb);
  auto backend = std::make_unique<Backend>();
  if (const int code = git_odb_init_backend(&backend->parent, GIT_ODB_BACKEND_VERSION); code < 0) {
    return code;
  }
  backend->objects = std::filesystem::path(git_repository_commondir(repo)) / "objects";
  backend->parent.read = read;
  backend->parent.read_header = read_header;
  backend->parent.read_prefix = read_prefix;
  backend->parent.free = free_backend;
  if (const int code = git_odb_add_backend(odb, &backend->parent, k_priority); code < 0) {
    return code;
  }
  backend.release();   // the object database frees it
  return 0;
}

} // namespace planck::git
