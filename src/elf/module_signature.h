#pragma once
// The signature that sign-file appends to a module ("~Module signature
// appended~"), decoded as far as kmod's modinfo shows it: signer, key id,
// hash algorithm and signature bytes (libkmod-signature.c with OpenSSL). The
// PKCS#7 blob is read with a small bounds-checked DER walker.

#include "elf/modinfo.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ksim::elf {

struct ModuleSignature {
    std::string id_type; // "PKCS#7", "X509" or "PGP"
    std::string signer;
    std::vector<uint8_t> key_id;
    std::string hash_algo;
    std::vector<uint8_t> signature;
};

// The signature at the end of `image`, or nothing when there is none or it
// cannot be decoded (kmod then shows no signature fields either).
std::optional<ModuleSignature> read_module_signature(std::span<const uint8_t> image);

// The entries kmod adds to a module's info for a signature: sig_id, signer,
// sig_key, sig_hashalgo, signature (byte strings as "AB:CD:..." wrapped every
// 20 bytes with "\n\t\t").
std::vector<ModinfoEntry> signature_modinfo(const ModuleSignature& signature);

} // namespace ksim::elf
