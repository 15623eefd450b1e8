// Module parameters (kernel/params.c): set/get round trips for every
// param_ops_*, arrays, strings, charp ownership, and parse_args() quoting
// and messages.
#include "api/parse_args.h"
#include "kernel/kernel.h"
#include "kernel/slab.h"
#include "support/abi.h"

#include <cerrno>
#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <vector>

extern "C" {
extern const kernel_param_ops param_ops_int, param_ops_uint, param_ops_byte, param_ops_short,
    param_ops_ushort, param_ops_long, param_ops_ulong, param_ops_ullong, param_ops_hexint,
    param_ops_charp, param_ops_bool, param_ops_invbool, param_ops_bint, param_ops_string,
    param_array_ops;
}

namespace {

class Params : public ::testing::Test {
  protected:
    ksim::Kernel kernel;

    std::vector<std::string> log_since(uint64_t seq) {
        std::vector<std::string> out;
        for (const auto& r : kernel.log().records_from(seq))
            out.push_back(r.text);
        return out;
    }
    static kernel_param make(const char* name, const kernel_param_ops* ops, void* arg) {
        return kernel_param{name, nullptr, ops, 0644, -1, 0, {arg}};
    }
    static std::string get(const kernel_param& kp) {
        char buf[4096];
        int n = kp.ops->get(buf, &kp);
        return std::string(buf, static_cast<size_t>(n));
    }
};

TEST_F(Params, Integers) {
    int i = 0;
    auto kp = make("i", &param_ops_int, &i);
    EXPECT_EQ(kp.ops->set("-42", &kp), 0);
    EXPECT_EQ(i, -42);
    EXPECT_EQ(get(kp), "-42\n");
    EXPECT_EQ(kp.ops->set("0x10", &kp), 0); // base 0
    EXPECT_EQ(i, 16);
    EXPECT_EQ(kp.ops->set("abc", &kp), -EINVAL);
    EXPECT_EQ(kp.ops->set("99999999999", &kp), -ERANGE);
    unsigned char b = 0;
    auto kb = make("b", &param_ops_byte, &b);
    EXPECT_EQ(kb.ops->set("255", &kb), 0);
    EXPECT_EQ(get(kb), "255\n");
    EXPECT_EQ(kb.ops->set("256", &kb), -ERANGE);
    short s = 0;
    auto ks = make("s", &param_ops_short, &s);
    EXPECT_EQ(ks.ops->set("-32768", &ks), 0);
    EXPECT_EQ(get(ks), "-32768\n");
    unsigned long long ull = 0;
    auto ku = make("u", &param_ops_ullong, &ull);
    EXPECT_EQ(ku.ops->set("18446744073709551615", &ku), 0);
    EXPECT_EQ(get(ku), "18446744073709551615\n");
    unsigned h = 0;
    auto kh = make("h", &param_ops_hexint, &h);
    EXPECT_EQ(kh.ops->set("255", &kh), 0);
    EXPECT_EQ(get(kh), "0x0000ff\n");
}

TEST_F(Params, Bools) {
    bool v = false;
    auto kp = make("v", &param_ops_bool, &v);
    EXPECT_EQ(kp.ops->set(nullptr, &kp), 0); // bare name means true
    EXPECT_TRUE(v);
    EXPECT_EQ(get(kp), "Y\n");
    EXPECT_EQ(kp.ops->set("off", &kp), 0);
    EXPECT_EQ(get(kp), "N\n");
    EXPECT_EQ(kp.ops->set("maybe", &kp), -EINVAL);
    bool inv = false;
    auto ki = make("inv", &param_ops_invbool, &inv);
    EXPECT_EQ(ki.ops->set("1", &ki), 0);
    EXPECT_FALSE(inv);
    EXPECT_EQ(get(ki), "Y\n");
    int bint = 7;
    auto kbi = make("bint", &param_ops_bint, &bint);
    EXPECT_EQ(kbi.ops->set("y", &kbi), 0);
    EXPECT_EQ(bint, 1);
    EXPECT_EQ(get(kbi), "1\n");
}

TEST_F(Params, CharpCopiesAndFrees) {
    char literal[] = "default";
    char* name = literal;
    auto kp = make("name", &param_ops_charp, &name);
    EXPECT_EQ(get(kp), "default\n");
    size_t live = kernel.slab().live_count();
    EXPECT_EQ(kp.ops->set("first", &kp), 0);
    EXPECT_STREQ(name, "first");
    EXPECT_NE(name, literal);
    EXPECT_EQ(kp.ops->set("second", &kp), 0); // frees "first"
    EXPECT_EQ(kernel.slab().live_count(), live + 1);
    kp.ops->free(&name);
    EXPECT_EQ(kernel.slab().live_count(), live);
    char* null_name = nullptr;
    auto kn = make("n", &param_ops_charp, &null_name);
    EXPECT_EQ(get(kn), "(null)\n");
}

TEST_F(Params, StringAndArray) {
    char buf[6] = "";
    kparam_string str{sizeof buf, buf};
    kernel_param ks{"str", nullptr, &param_ops_string, 0644, -1, 0, {nullptr}};
    ks.str = &str;
    EXPECT_EQ(ks.ops->set("hello", &ks), 0);
    EXPECT_EQ(get(ks), "hello\n");
    uint64_t seq = kernel.log().next_seq();
    EXPECT_EQ(ks.ops->set("toolong", &ks), -ENOSPC);
    EXPECT_EQ(log_since(seq), std::vector<std::string>{"str: string doesn't fit in 5 chars."});

    int values[4] = {};
    unsigned count = 0;
    kparam_array arr{4, sizeof(int), &count, &param_ops_int, values};
    kernel_param ka{"arr", nullptr, &param_array_ops, 0644, -1, 0, {nullptr}};
    ka.arr = &arr;
    EXPECT_EQ(ka.ops->set("1,2,3", &ka), 0);
    EXPECT_EQ(count, 3u);
    EXPECT_EQ(values[2], 3);
    EXPECT_EQ(get(ka), "1,2,3\n");
    seq = kernel.log().next_seq();
    EXPECT_EQ(ka.ops->set("1,2,3,4,5", &ka), -EINVAL);
    EXPECT_EQ(log_since(seq), std::vector<std::string>{"arr: can only take 4 arguments"});
    EXPECT_EQ(ka.ops->set("1,x", &ka), -EINVAL);
}

TEST_F(Params, ParseArgsQuotingAndNames) {
    int count = 0;
    char* who = nullptr;
    bool flag = false;
    kernel_param params[] = {make("count", &param_ops_int, &count),
                             make("who_am_i", &param_ops_charp, &who),
                             make("flag", &param_ops_bool, &flag)};
    EXPECT_EQ(ksim::parse_module_args(kernel, "demo", params, 3,
                                      "  count=5 who-am-i=\"two words\" flag  "),
              0);
    EXPECT_EQ(count, 5);
    EXPECT_STREQ(who, "two words");
    EXPECT_TRUE(flag);
    // A quoted whole word.
    EXPECT_EQ(ksim::parse_module_args(kernel, "demo", params, 3, "\"who_am_i=a b\""), 0);
    EXPECT_STREQ(who, "a b");
    params[1].ops->free(&who);
}

TEST_F(Params, ParseArgsMessagesAsLinux) {
    int count = 0;
    kernel_param params[] = {make("count", &param_ops_int, &count)};
    uint64_t seq = kernel.log().next_seq();
    // Texts checked against Linux 6.1 ("insmod fmt.ko cnt=abc", "bogus=1").
    EXPECT_EQ(ksim::parse_module_args(kernel, "demo", params, 1, "count=abc bogus=1 count=3"),
              -EINVAL);
    EXPECT_EQ(count, 3); // parsing continues after an error
    auto recs = kernel.log().records_from(seq);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].text, "demo: `abc' invalid for parameter `count'");
    EXPECT_EQ(recs[0].level, 3);
    EXPECT_EQ(recs[1].text, "demo: unknown parameter 'bogus' ignored");
    EXPECT_EQ(recs[1].level, 4);
    // A non-bool without a value is invalid.
    seq = kernel.log().next_seq();
    EXPECT_EQ(ksim::parse_module_args(kernel, "demo", params, 1, "count"), -EINVAL);
    EXPECT_EQ(log_since(seq), std::vector<std::string>{"demo: `' invalid for parameter `count'"});
    // Everything after "--" is left alone.
    seq = kernel.log().next_seq();
    EXPECT_EQ(ksim::parse_module_args(kernel, "demo", params, 1, "count=9 -- count=1"), 0);
    EXPECT_EQ(count, 9);
    EXPECT_EQ(log_since(seq),
              std::vector<std::string>{"demo: parameters 'count=1' after `--' ignored"});
}

TEST(ParamNames, DashesAndUnderscoresMatch) {
    EXPECT_TRUE(ksim::param_names_equal("a-b_c", "a_b-c"));
    EXPECT_FALSE(ksim::param_names_equal("ab", "abc"));
}

} // namespace
