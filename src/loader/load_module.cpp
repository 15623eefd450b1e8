// load_module() and do_init_module() for ksim; see load_module.h. The order of
// checks and the messages follow kernel/module/main.c in Linux 6.1, so the
// same broken module fails at the same step with the same dmesg lines.
#include "loader/load_module.h"

#include "check/leak_report.h"
#include "check/stack_trace.h"
#include "kernel/kernel.h"
#include "kernel/module_registry.h"
#include "kernel/task.h"
#include "loader/arch/x86_64.h"
#include "loader/elf_validity.h"
#include "loader/layout.h"
#include "elf/license.h"
#include "loader/module_params.h"
#include "loader/param_table.h"
#include "loader/symbols.h"

#include <elf.h>
#include <fmt/format.h>

#include <cstring>

namespace ksim {

using loader::LoadInfo;
using loader::Placement;
using loader::Region;

namespace {

constexpr int kWarn = 4, kErr = 3, kNotice = 5;

std::string file_stem(const std::string& path) {
    std::string base = path.substr(path.find_last_of('/') + 1);
    if (base.size() > 3 && base.ends_with(".ko"))
        base.resize(base.size() - 3);
    return base;
}

void add_module_taint(Kernel& kernel, Module& mod, TaintFlag flag) {
    mod.taints |= 1u << unsigned(flag);
    kernel.taint().add(flag);
}

// setup_load_info(): the module's name and the this_module section.
ErrorOr<void> setup_load_info(Kernel& kernel, LoadInfo& info) {
    for (auto entry : info.elf->modinfo_strings()) {
        auto eq = entry.find('=');
        if (eq == std::string_view::npos)
            continue;
        info.module->modinfo.emplace_back(std::string(entry.substr(0, eq)),
                                          std::string(entry.substr(eq + 1)));
    }
    info.name = info.module->modinfo_value("name");
    // find_sec() in Linux only finds allocated sections.
    const elf::Section* this_module = info.elf->find_section(".gnu.linkonce.this_module");
    if (this_module != nullptr && !this_module->is_alloc())
        this_module = nullptr;
    if (this_module == nullptr) {
        kernel.log().emit(kWarn, fmt::format("{}: No module found in object",
                                             info.name.empty()
                                                 ? "(missing .modinfo section or name field)"
                                                 : info.name));
        return Error::from_errno(ENOEXEC);
    }
    if (this_module->size != sizeof(module) || this_module->data.size() != sizeof(module)) {
        kernel.log().emit(kErr, fmt::format("module {}: .gnu.linkonce.this_module section size "
                                            "must match the kernel's built struct module size at "
                                            "run time",
                                            info.name.empty() ? "(missing .modinfo name field)"
                                                              : info.name));
        return Error::from_errno(ENOEXEC);
    }
    if (info.name.empty()) {
        // Fall back to the name compiled into struct module, as Linux does.
        // (copied out: the section need not be aligned in the file)
        char name[MODULE_NAME_LEN];
        std::memcpy(name, this_module->data.data() + offsetof(module, name), MODULE_NAME_LEN);
        info.name.assign(name, strnlen(name, MODULE_NAME_LEN));
    }
    if (info.name.empty())
        info.name = file_stem(info.path);
    info.module->name = info.name;
    return {};
}

// check_modinfo(): vermagic, then the out-of-tree and license taints.
ErrorOr<void> check_modinfo(Kernel& kernel, LoadInfo& info) {
    Module& mod = *info.module;
    std::string magic = mod.modinfo_value("vermagic");
    std::string expected = vermagic_for(kernel.config().release);
    if (magic.empty()) {
        // try_to_force_load() with CONFIG_MODULE_FORCE_LOAD=y (Debian): a
        // module without vermagic loads, tainting the kernel with F.
        if (!kernel.taint().has(TaintFlag::ForcedModule))
            kernel.log().emit(kWarn, fmt::format("{}: bad vermagic: kernel tainted.", info.name));
        add_module_taint(kernel, mod, TaintFlag::ForcedModule);
        if (kernel.taint().turn_off_lock_debugging())
            kernel.log().emit(kWarn, "Disabling lock debugging due to kernel taint");
    } else if (magic != expected) {
        kernel.log().emit(kErr, fmt::format("{}: version magic '{}' should be '{}'", info.name,
                                            magic, expected));
        return Error::from_errno(ENOEXEC);
    }
    if (mod.modinfo_value("intree").empty()) {
        if (!kernel.taint().has(TaintFlag::OotModule))
            kernel.log().emit(kWarn,
                              fmt::format("{}: loading out-of-tree module taints kernel.", mod.name));
        add_module_taint(kernel, mod, TaintFlag::OotModule);
    }
    std::string license = mod.modinfo_value("license");
    if (license.empty())
        license = "unspecified";
    mod.gpl_compatible = elf::license_is_gpl_compatible(license);
    if (!mod.gpl_compatible) {
        if (!kernel.taint().has(TaintFlag::ProprietaryModule))
            kernel.log().emit(kWarn, fmt::format("{}: module license '{}' taints kernel.",
                                                 mod.name, license));
        add_module_taint(kernel, mod, TaintFlag::ProprietaryModule);
        if (kernel.taint().turn_off_lock_debugging())
            kernel.log().emit(kWarn, "Disabling lock debugging due to kernel taint");
    }
    return {};
}

ErrorOr<void> apply_relocations(Kernel& kernel, LoadInfo& info) {
    const auto& sections = info.elf->sections();
    for (const auto& rs : info.elf->relocation_sections()) {
        const Placement& target = info.placement[rs.target_section];
        // Relocations of sections that are not loaded (debug info) are not
        // applied, as in Linux's apply_relocations().
        if (target.region == Region::None)
            continue;
        const elf::Section& section = sections[rs.target_section];
        for (const auto& r : rs.entries) {
            auto kind = loader::x86_64::classify(r.type);
            if (r.offset > section.size || section.size - r.offset < kind.width) {
                kernel.log().emit(kErr, fmt::format("{}: relocation offset out of range",
                                                    info.name));
                return Error::from_errno(ENOEXEC);
            }
            auto* location = reinterpret_cast<uint8_t*>(target.address + r.offset);
            uint64_t value = 0;
            auto status = loader::x86_64::apply(r.type, location, info.symbol_values[r.symbol_index],
                                                r.addend, &value);
            switch (status) {
            case loader::x86_64::RelocationStatus::Ok:
                break;
            case loader::x86_64::RelocationStatus::Unknown:
                kernel.log().emit(kErr, fmt::format("{}: Unknown rela relocation: {}", info.name,
                                                    r.type));
                return Error::from_errno(ENOEXEC);
            case loader::x86_64::RelocationStatus::NonZeroTarget:
                kernel.log().emit(kErr, fmt::format("x86/modules: Invalid relocation target, "
                                                    "existing value is nonzero for type {}, loc "
                                                    "{:016x}, val {:x}",
                                                    r.type, uint64_t(location), value));
                return Error::from_errno(ENOEXEC);
            case loader::x86_64::RelocationStatus::Overflow:
                kernel.log().emit(kErr, fmt::format("overflow in relocation type {} val {:x}",
                                                    r.type, value));
                kernel.log().emit(kErr, fmt::format("`{}' likely not compiled with -mcmodel=kernel",
                                                    info.name));
                return Error::from_errno(ENOEXEC);
            }
        }
    }
    return {};
}

// Everything up to the point where the module is on the list, formed, with
// parameters set: the steps that can fail cleanly with an errno.
ErrorOr<Module*> prepare_module(Kernel& kernel, LoadInfo& info, const std::string& args) {
    if (auto problem = loader::elf_header_problem(info.bytes)) {
        kernel.log().emit(kErr, *problem);
        return Error::from_errno(ENOEXEC);
    }
    auto parsed = elf::ElfFile::parse(info.bytes);
    if (parsed.is_error()) {
        // Deeper structural problems: Linux reports the section at fault;
        // ksim's reader says what it found.
        kernel.log().emit(kErr, "Invalid ELF section in module: " + parsed.error().message);
        return Error::from_errno(ENOEXEC);
    }
    info.elf = std::make_unique<elf::ElfFile>(parsed.release_value());
    info.module = std::make_unique<Module>();
    info.module->path = info.path;
    info.module->args = args;

    KSIM_TRY_VOID(setup_load_info(kernel, info));
    KSIM_TRY_VOID(check_modinfo(kernel, info));

    auto& registry = kernel.modules();
    std::unique_lock guard(registry.lock());
    // add_unformed_module(): one module of a name at a time.
    if (registry.find_locked(info.name) != nullptr)
        return Error::from_errno(EEXIST);

    loader::layout_sections(info);
    KSIM_TRY_VOID(loader::allocate_and_copy(info, registry.memory()));
    Module& mod = *info.module;
    auto fail = [&](Error e) -> Error {
        // Give back the references taken on modules whose symbols resolved.
        registry.drop_uses_locked(&mod);
        registry.free_images(mod);
        return e;
    };

    // module_sig_check(): ksim modules are never signed.
    if (!kernel.taint().has(TaintFlag::UnsignedModule))
        kernel.log().emit(kNotice, fmt::format("{}: module verification failed: signature "
                                               "and/or required key missing - tainting kernel",
                                               mod.name));
    add_module_taint(kernel, mod, TaintFlag::UnsignedModule);

    if (auto r = loader::resolve_symbols(kernel, info); r.is_error())
        return fail(r.release_error());
    if (auto r = apply_relocations(kernel, info); r.is_error())
        return fail(r.release_error());
    loader::build_kallsyms(info);
    for (const auto& section : info.elf->sections()) {
        const Placement& p = info.placement[section.index];
        if (p.region != Region::None)
            mod.sections.push_back({std::string(section.name), p.address, section.size,
                                    p.region == Region::Init});
    }
    if (auto r = loader::collect_exports(kernel, info); r.is_error())
        return fail(r.release_error());

    const elf::Section* this_module = info.elf->find_section(".gnu.linkonce.this_module");
    uint64_t descriptor = info.placement[this_module->index].address;
    if (descriptor == 0 || descriptor % alignof(module) != 0) {
        kernel.log().emit(kErr, fmt::format("{}: misplaced .gnu.linkonce.this_module", mod.name));
        return fail(Error::from_errno(ENOEXEC));
    }
    mod.descriptor = reinterpret_cast<module*>(descriptor);
    mod.descriptor->ksim_private = &mod;
    std::memset(mod.descriptor->name, 0, MODULE_NAME_LEN);
    std::strncpy(mod.descriptor->name, mod.name.c_str(), MODULE_NAME_LEN - 1);
    if (const elf::Section* params = info.elf->find_section("__param");
        params != nullptr && info.placement[params->index].region != Region::None) {
        mod.descriptor->kp = reinterpret_cast<kernel_param*>(info.placement[params->index].address);
        mod.descriptor->num_kp = static_cast<unsigned>(params->size / sizeof(kernel_param));
    }
    if (auto checked = check_param_table(mod); checked.is_error()) {
        kernel.log().emit(kErr, checked.error().message);
        mod.descriptor->num_kp = 0;
        return fail(checked.release_error());
    }
    mod.set_state(MODULE_STATE_COMING);
    Module* raw = info.module.get();
    // The ELF views point into info.bytes; the module keeps the bytes for
    // its debug information once loading no longer needs them.
    info.elf.reset();
    raw->image = std::move(info.bytes);
    registry.add_locked(std::move(info.module));
    guard.unlock();

    loader::protect_images(*raw);
    // Parameter ops may be the module's own code: not run when module code
    // must not run (the loader's fuzz target).
    int err = kernel.config().run_module_code ? apply_module_params(kernel, *raw, args) : 0;
    if (err < 0) {
        std::lock_guard relock(registry.lock());
        auto owned = registry.remove_locked(raw);
        release_module_params(kernel, *owned);
        registry.free_images(*owned);
        return Error::from_errno(-err);
    }
    return raw;
}

} // namespace

LoadOutcome load_module(Kernel& kernel, const std::string& path, std::vector<uint8_t> bytes,
                        const std::string& args) {
    LoadInfo info;
    info.path = path;
    info.bytes = std::move(bytes);
    auto prepared = prepare_module(kernel, info, args);
    if (prepared.is_error())
        return {prepared.error().code, {}};
    Module& mod = *prepared.value();

    // do_init_module()
    int ret = 0;
    LoadOutcome outcome;
    if (mod.descriptor->init != nullptr && kernel.config().run_module_code) {
        outcome.task = run_guarded(kernel, [&] { ret = mod.descriptor->init(); });
        if (!outcome.task.completed) {
            // The task died in init: the module stays "Loading", and Linux
            // shows it with one reference held (lsmod's "Used by" is 1).
            mod.refcnt.fetch_add(1);
            return outcome;
        }
    }
    auto& registry = kernel.modules();
    if (ret < 0) {
        mod.set_state(MODULE_STATE_GOING);
        // A failed init must undo its allocations: the error paths are
        // where leaks hide (and what --fault-sweep exercises).
        report_module_leaks(kernel, mod, true);
        std::lock_guard guard(registry.lock());
        auto owned = registry.remove_locked(&mod);
        release_module_params(kernel, *owned);
        registry.free_images(*owned);
        outcome.error = -ret;
        return outcome;
    }
    if (ret > 0) {
        kernel.log().emit(kWarn, fmt::format("do_init_module: '{}'->init suspiciously returned "
                                             "{}, it should follow 0/-E convention",
                                             mod.name, ret));
        kernel.log().emit(kWarn, "do_init_module: loading module anyway...");
        // dump_stack() from do_init_module(): the trace ends at the command.
        auto frame = reinterpret_cast<uint64_t>(__builtin_frame_address(0));
        log_stack_dump(kernel, kWarn, frame, frame);
    }
    mod.set_state(MODULE_STATE_LIVE);
    // Free the init sections: inaccessible from now on, never reused.
    registry.memory().retire(mod.init.range);
    mod.init_freed = true;
    mod.init.size = 0;
    return outcome;
}

} // namespace ksim
