// Module signature trailer and the PKCS#7 fields kmod's modinfo prints; see
// module_signature.h. Layout of the trailer: [signature data][struct
// module_signature (12 bytes)]["~Module signature appended~\n"], as written
// by the kernel's scripts/sign-file and read by kernel/module/signing.c.
#include "elf/module_signature.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

namespace ksim::elf {

namespace {

constexpr std::string_view k_magic = "~Module signature appended~\n";
constexpr size_t k_trailer_size = 12; // struct module_signature

constexpr std::array<const char*, 2> k_key_algos = {"DSA", "RSA"};
constexpr std::array<const char*, 9> k_hash_algos = {
    "md4", "md5", "sha1", "rmd160", "sha256", "sha384", "sha512", "sha224", "sm3"};
constexpr std::array<const char*, 3> k_id_types = {"PGP", "X509", "PKCS#7"};
constexpr uint8_t k_id_pkcs7 = 2;

using Bytes = std::span<const uint8_t>;

// One DER element: its tag byte and its contents.
struct Tlv {
    uint8_t tag = 0;
    Bytes contents;
};

// Reads DER elements one after another from a byte range; any malformed
// length makes every later read fail.
class DerReader {
  public:
    explicit DerReader(Bytes bytes) : m_bytes(bytes) {}

    bool at_end() const { return m_pos >= m_bytes.size(); }

    std::optional<Tlv> next() {
        if (m_bytes.size() - m_pos < 2)
            return std::nullopt;
        Tlv tlv;
        tlv.tag = m_bytes[m_pos++];
        // Multi-byte tag numbers never occur in the structures read here.
        if ((tlv.tag & 0x1f) == 0x1f)
            return std::nullopt;
        uint64_t length = m_bytes[m_pos++];
        if (length & 0x80) {
            size_t count = length & 0x7f;
            // 0x80 is the indefinite form, which DER forbids.
            if (count == 0 || count > 8 || m_bytes.size() - m_pos < count)
                return std::nullopt;
            length = 0;
            for (size_t i = 0; i < count; ++i)
                length = (length << 8) | m_bytes[m_pos++];
        }
        if (length > m_bytes.size() - m_pos)
            return std::nullopt;
        tlv.contents = m_bytes.subspan(m_pos, length);
        m_pos += length;
        return tlv;
    }

    // The next element, only if it has `tag`.
    std::optional<Tlv> expect(uint8_t tag) {
        auto tlv = next();
        if (!tlv || tlv->tag != tag)
            return std::nullopt;
        return tlv;
    }

    // Skips the next element if it has `tag`.
    void skip_optional(uint8_t tag) {
        if (!at_end() && m_bytes[m_pos] == tag)
            next();
    }

  private:
    Bytes m_bytes;
    size_t m_pos = 0;
};

constexpr uint8_t k_integer = 0x02, k_octet_string = 0x04, k_oid = 0x06, k_sequence = 0x30,
                  k_set = 0x31, k_context0 = 0xa0, k_context1 = 0xa1;

bool oid_is(Bytes oid, std::initializer_list<uint8_t> expected) {
    return std::equal(oid.begin(), oid.end(), expected.begin(), expected.end());
}

const char* hash_name(Bytes oid) {
    struct Known {
        std::initializer_list<uint8_t> oid;
        const char* name;
    };
    static const Known known[] = {
        {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x04}, "md4"},
        {{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05}, "md5"},
        {{0x2b, 0x0e, 0x03, 0x02, 0x1a}, "sha1"},
        {{0x2b, 0x24, 0x03, 0x02, 0x01}, "rmd160"},
        {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01}, "sha256"},
        {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02}, "sha384"},
        {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03}, "sha512"},
        {{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04}, "sha224"},
        {{0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11}, "sm3"},
    };
    for (const auto& k : known)
        if (oid_is(oid, k.oid))
            return k.name;
    return "unknown";
}

// kmod shows the issuer's commonName; with no commonName among the name's
// attributes, OpenSSL's loop in x509_name_to_str() leaves the last attribute
// selected, so that one's value is shown.
std::optional<std::string> issuer_string(Bytes name) {
    DerReader rdns(name);
    std::optional<std::string> chosen;
    while (!rdns.at_end()) {
        auto rdn = rdns.expect(k_set);
        if (!rdn)
            return std::nullopt;
        DerReader attributes(rdn->contents);
        while (!attributes.at_end()) {
            auto attribute = attributes.expect(k_sequence);
            if (!attribute)
                return std::nullopt;
            DerReader parts(attribute->contents);
            auto type = parts.expect(k_oid);
            auto value = parts.next();
            if (!type || !value)
                return std::nullopt;
            auto chars = reinterpret_cast<const char*>(value->contents.data());
            // OpenSSL hands the value to strlen().
            chosen = std::string(chars, strnlen(chars, value->contents.size()));
            if (oid_is(type->contents, {0x55, 0x04, 0x03}))
                return chosen;
        }
    }
    return chosen;
}

// The first SignerInfo of a PKCS#7 SignedData ContentInfo.
std::optional<ModuleSignature> decode_pkcs7(Bytes blob) {
    DerReader outer(blob);
    auto content_info = outer.expect(k_sequence);
    if (!content_info)
        return std::nullopt;
    DerReader ci(content_info->contents);
    auto type = ci.expect(k_oid);
    if (!type || !oid_is(type->contents, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02}))
        return std::nullopt;
    auto explicit0 = ci.expect(k_context0);
    if (!explicit0)
        return std::nullopt;
    auto signed_data = DerReader(explicit0->contents).expect(k_sequence);
    if (!signed_data)
        return std::nullopt;
    DerReader sd(signed_data->contents);
    if (!sd.expect(k_integer) || !sd.expect(k_set) || !sd.expect(k_sequence))
        return std::nullopt;
    sd.skip_optional(k_context0); // certificates
    sd.skip_optional(k_context1); // crls
    auto signer_infos = sd.expect(k_set);
    if (!signer_infos)
        return std::nullopt;
    auto signer_info = DerReader(signer_infos->contents).expect(k_sequence);
    if (!signer_info)
        return std::nullopt;

    DerReader si(signer_info->contents);
    auto issuer_and_serial = si.expect(k_integer) ? si.expect(k_sequence) : std::nullopt;
    if (!issuer_and_serial)
        return std::nullopt;
    DerReader ias(issuer_and_serial->contents);
    auto issuer = ias.expect(k_sequence);
    auto serial = ias.expect(k_integer);
    auto digest_algorithm = si.expect(k_sequence);
    if (!issuer || !serial || !digest_algorithm)
        return std::nullopt;
    si.skip_optional(k_context0); // authenticated attributes
    auto digest_oid = DerReader(digest_algorithm->contents).expect(k_oid);
    if (!si.expect(k_sequence) || !digest_oid)
        return std::nullopt;
    auto encrypted_digest = si.expect(k_octet_string);
    if (!encrypted_digest)
        return std::nullopt;

    ModuleSignature sig;
    sig.id_type = k_id_types[k_id_pkcs7];
    sig.signer = issuer_string(issuer->contents).value_or("");
    // The serial number as a big-endian magnitude without leading zeros
    // (OpenSSL's BN_bn2bin()).
    auto first = std::find_if(serial->contents.begin(), serial->contents.end(),
                              [](uint8_t b) { return b != 0; });
    sig.key_id.assign(first, serial->contents.end());
    sig.hash_algo = hash_name(digest_oid->contents);
    sig.signature.assign(encrypted_digest->contents.begin(), encrypted_digest->contents.end());
    return sig;
}

std::string hex_string(const std::vector<uint8_t>& bytes) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (size_t i = 0; i < bytes.size(); ++i) {
        out.push_back(digits[bytes[i] >> 4]);
        out.push_back(digits[bytes[i] & 15]);
        if (i + 1 < bytes.size()) {
            out.push_back(':');
            if ((i + 1) % 20 == 0)
                out += "\n\t\t";
        }
    }
    return out;
}

} // namespace

std::optional<ModuleSignature> read_module_signature(Bytes image) {
    if (image.size() < k_magic.size())
        return std::nullopt;
    size_t size = image.size() - k_magic.size();
    if (std::memcmp(image.data() + size, k_magic.data(), k_magic.size()) != 0)
        return std::nullopt;
    if (size < k_trailer_size)
        return std::nullopt;
    size -= k_trailer_size;
    const uint8_t* trailer = image.data() + size;
    const uint8_t algo = trailer[0], hash = trailer[1], id_type = trailer[2];
    const uint8_t signer_len = trailer[3], key_id_len = trailer[4];
    const uint32_t sig_len = uint32_t(trailer[8]) << 24 | uint32_t(trailer[9]) << 16 |
                             uint32_t(trailer[10]) << 8 | trailer[11];
    if (algo >= k_key_algos.size() || hash >= k_hash_algos.size() || id_type >= k_id_types.size())
        return std::nullopt;
    if (sig_len == 0 || size < uint64_t(signer_len) + key_id_len + sig_len)
        return std::nullopt;
    if (id_type == k_id_pkcs7)
        return decode_pkcs7(image.subspan(size - sig_len, sig_len));

    // Older formats carry signer and key id in the clear before the signature.
    ModuleSignature sig;
    sig.id_type = k_id_types[id_type];
    sig.hash_algo = k_hash_algos[hash];
    auto at = image.begin() + (size - sig_len);
    sig.signature.assign(at, at + sig_len);
    sig.key_id.assign(at - key_id_len, at);
    at -= key_id_len;
    sig.signer.assign(at - signer_len, at);
    return sig;
}

std::vector<ModinfoEntry> signature_modinfo(const ModuleSignature& signature) {
    return {
        {"sig_id", signature.id_type},
        {"signer", signature.signer},
        {"sig_key", hex_string(signature.key_id)},
        {"sig_hashalgo", signature.hash_algo},
        {"signature", hex_string(signature.signature)},
    };
}

} // namespace ksim::elf
