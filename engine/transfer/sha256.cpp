#include "engine/transfer/sha256.h"

#include <cstdio>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <vector>

namespace strata::transfer {

namespace {

//! Without NO_ATEXIT, libcrypto's exit handler deletes its thread-state key while the idle
//! threads of Qt's pool still live; when they end afterwards, each one's error state is
//! never freed. Keeping the key lets every thread free its own state as it ends.
bool initialiseLibcrypto()
{
    return OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr) == 1;
}

} // namespace

Sha256::Sha256()
{
    static const bool initialised = initialiseLibcrypto();
    static_cast<void>(initialised);
    m_ctx = EVP_MD_CTX_new();
    reset();
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::reset()
{
    EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
}

void Sha256::add(std::string_view bytes)
{
    EVP_DigestUpdate(m_ctx, bytes.data(), bytes.size());
}

std::string Sha256::hex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(m_ctx, digest, &size);
    static const char *kHex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 15];
    }
    reset();
    return out;
}

std::string Sha256::ofFile(const std::string &path)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};
    Sha256 sha;
    std::vector<char> buffer(1 << 20);
    size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0)
        sha.add({buffer.data(), n});
    const bool ok = !std::ferror(f);
    std::fclose(f);
    return ok ? sha.hex() : std::string();
}

} // namespace strata::transfer
