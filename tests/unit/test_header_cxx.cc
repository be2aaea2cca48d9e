// test_header_cxx.cc - the public headers compile as C++ (extern "C",
// no C-only constructs).  Building this file is the test.
#include <rsm/ntmsapi.h>
#include <rsm/ntmsmli.h>

// A few uses that only compile if the declarations are usable from C++.
static_assert(NTMS_CONTROL_ACCESS == 4, "NTMS_CONTROL_ACCESS");
static_assert(sizeof(GUID) == 16, "GUID");

typedef DWORD (*close_session_fn)(HANDLE);
static_assert(sizeof(close_session_fn) == sizeof(void (*)()), "function pointer");

int main()
{
    NTMS_OBJECTINFORMATIONW info = NTMS_OBJECTINFORMATIONW();
    info.dwSize = sizeof info;
    info.dwType = NTMS_DRIVE;
    LARGE_INTEGER capacity = LARGE_INTEGER();
    capacity.QuadPart = 0;
    MediaLabelInfo label = MediaLabelInfo();
    label.LabelIDSize = 0;
    return static_cast<int>(info.Info.Drive.Number + capacity.u.LowPart + label.LabelIDSize);
}
