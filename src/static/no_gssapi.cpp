// The static build's stand-in for the GSS-API (Kerberos) functions that Debian's libgit2 calls for
// HTTP "Negotiate" authentication. Debian ships no static Kerberos library, and planck never uses
// libgit2's network transports (a partial clone's objects are fetched by git itself), so these
// only fail: GSS_S_FAILURE, as a GSS-API without credentials would. Linked only with PLANCK_STATIC.

#include <cstdint>

namespace {
constexpr std::uint32_t k_gss_failure = 13U << 16U;   // GSS_S_FAILURE
} // namespace

extern "C" {

void* GSS_C_NT_HOSTBASED_SERVICE = nullptr;

std::uint32_t gss_import_name(std::uint32_t* minor, const void*, const void*, void**)
{
  *minor = 0;
  return k_gss_failure;
}

std::uint32_t gss_init_sec_context(std::uint32_t* minor, const void*, void**, const void*, const void*, std::uint32_t,
                                   std::uint32_t, const void*, const void*, void**, void*, std::uint32_t*,
                                   std::uint32_t*)
{
  *minor = 0;
  return k_gss_failure;
}

std::uint32_t gss_delete_sec_context(std::uint32_t* minor, void**, void*)
{
  *minor = 0;
  return 0;
}

std::uint32_t gss_release_buffer(std::uint32_t* minor, void*)
{
  *minor = 0;
  return 0;
}

std::uint32_t gss_release_name(std::uint32_t* minor, void**)
{
  *minor = 0;
  return 0;
}

std::uint32_t gss_release_oid_set(std::uint32_t* minor, void**)
{
  *minor = 0;
  return 0;
}

std::uint32_t gss_indicate_mechs(std::uint32_t* minor, void** mechanisms)
{
  *minor = 0;
  *mechanisms = nullptr;
  return k_gss_failure;
}

std::uint32_t gss_display_status(std::uint32_t* minor, std::uint32_t, int, const void*, std::uint32_t*, void*)
{
  *minor = 0;
  return k_gss_failure;
}

} // extern "C"
