// Error names for %pe (mirrors lib/errname.c): the C library knows the
// userspace-visible codes; the kernel-internal ones (512 and up) are listed
// here.
#include "api/vsprintf.h"

#include <cstring>
#include <string>

namespace ksim::api {

const char* errname(int err) {
    static thread_local std::string name;
    int code = err < 0 ? -err : err;
    const char* base = nullptr;
    switch (code) {
    case 512:
        base = "ERESTARTSYS";
        break;
    case 513:
        base = "ERESTARTNOINTR";
        break;
    case 514:
        base = "ERESTARTNOHAND";
        break;
    case 515:
        base = "ENOIOCTLCMD";
        break;
    case 516:
        base = "ERESTART_RESTARTBLOCK";
        break;
    case 517:
        base = "EPROBE_DEFER";
        break;
    case 518:
        base = "EOPENSTALE";
        break;
    case 519:
        base = "ENOPARAM";
        break;
    case 521:
        base = "EBADHANDLE";
        break;
    case 522:
        base = "ENOTSYNC";
        break;
    case 523:
        base = "EBADCOOKIE";
        break;
    case 524:
        base = "ENOTSUPP";
        break;
    case 525:
        base = "ETOOSMALL";
        break;
    case 526:
        base = "ESERVERFAULT";
        break;
    case 527:
        base = "EBADTYPE";
        break;
    case 528:
        base = "EJUKEBOX";
        break;
    case 529:
        base = "EIOCBQUEUED";
        break;
    case 530:
        base = "ERECALLCONFLICT";
        break;
    default:
        // glibc's names agree with lib/errname.c for 1..133, where aliases
        // (EWOULDBLOCK, EDEADLOCK, ENOTSUP) give the primary name.
        if (code >= 1 && code <= 133)
            base = strerrorname_np(code);
        break;
    }
    if (base == nullptr)
        return nullptr;
    name = err < 0 ? std::string("-") + base : std::string(base);
    return name.c_str();
}

} // namespace ksim::api
