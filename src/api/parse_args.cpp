// parse_args() for module parameters; see parse_args.h.
#include "api/parse_args.h"

#include "api/ctype.h"
#include "api/vsprintf.h"
#include "kernel/kernel.h"
#include "support/abi.h"

#include <cerrno>
#include <cstring>
#include <vector>

namespace ksim {

namespace {

char* skip_white(char* s) {
    while (api::k_isspace(static_cast<unsigned char>(*s)))
        ++s;
    return s;
}

// next_arg(): splits off one "param[=val]" word, honouring double quotes
// around the whole word or around the value, and NUL-terminates in place.
char* next_arg(char* args, char** param, char** val) {
    size_t i = 0, equals = 0;
    bool in_quote = false, quoted = false;
    if (*args == '"') {
        ++args;
        in_quote = quoted = true;
    }
    for (; args[i] != '\0'; ++i) {
        if (api::k_isspace(static_cast<unsigned char>(args[i])) && !in_quote)
            break;
        if (equals == 0 && args[i] == '=')
            equals = i;
        if (args[i] == '"')
            in_quote = !in_quote;
    }
    *param = args;
    if (equals == 0) {
        *val = nullptr;
    } else {
        args[equals] = '\0';
        *val = args + equals + 1;
        if (**val == '"') {
            ++*val;
            if (args[i - 1] == '"')
                args[i - 1] = '\0';
        }
    }
    if (quoted && i > 0 && args[i - 1] == '"')
        args[i - 1] = '\0';
    if (args[i] != '\0') {
        args[i] = '\0';
        args += i + 1;
    } else {
        args += i;
    }
    return skip_white(args);
}

// parse_one(): -ENOENT for an unknown name, else the set op's result.
int parse_one(Kernel& kernel, char* param, char* val, kernel_param* params, unsigned num) {
    for (unsigned i = 0; i < num; ++i) {
        kernel_param& kp = params[i];
        if (!param_names_equal(param, kp.name))
            continue;
        if (val == nullptr && !(kp.ops->flags & KERNEL_PARAM_OPS_FL_NOARG))
            return -EINVAL;
        if (kp.flags & KERNEL_PARAM_FL_UNSAFE) {
            // param_check_unsafe()
            kernel.log().printk(
                api::kformat("\0015Setting dangerous option %s - tainting kernel\n", kp.name));
            kernel.taint().add(TaintFlag::User);
        }
        std::lock_guard guard(kernel.api().param_lock);
        return kp.ops->set(val, &kp);
    }
    return -ENOENT;
}

} // namespace

bool param_names_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i] == '-' ? '_' : a[i];
        char y = b[i] == '-' ? '_' : b[i];
        if (x != y)
            return false;
    }
    return true;
}

int parse_module_args(Kernel& kernel, std::string_view module_name, kernel_param* params,
                      unsigned num_params, std::string_view args_view) {
    std::vector<char> storage(args_view.begin(), args_view.end());
    storage.push_back('\0');
    std::string mod(module_name);
    char* args = skip_white(storage.data());
    int err = 0;
    while (*args != '\0') {
        char* param;
        char* val;
        args = next_arg(args, &param, &val);
        if (val == nullptr && std::strcmp(param, "--") == 0) {
            // load_module(): the rest belongs to someone else.
            if (err == 0)
                kernel.log().printk(api::kformat("\0014%s: parameters '%s' after `--' ignored\n",
                                                 mod.c_str(), args));
            return err;
        }
        int ret = parse_one(kernel, param, val, params, num_params);
        switch (ret) {
        case 0:
            continue;
        case -ENOENT:
            // unknown_module_param_cb(): a warning, not an error.
            kernel.log().printk(
                api::kformat("\0014%s: unknown parameter '%s' ignored\n", mod.c_str(), param));
            continue;
        case -ENOSPC:
            kernel.log().printk(api::kformat("\0013%s: `%s' too large for parameter `%s'\n",
                                             mod.c_str(), val ? val : "", param));
            break;
        default:
            kernel.log().printk(api::kformat("\0013%s: `%s' invalid for parameter `%s'\n",
                                             mod.c_str(), val ? val : "", param));
            break;
        }
        err = ret;
    }
    return err;
}

} // namespace ksim
