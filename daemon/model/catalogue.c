/*
 * catalogue.c - the media types rsmd knows from its first start.
 *
 * Each entry becomes an NTMS_MEDIA_TYPE object, and each gets a Free, an
 * Import and an Unrecognized sub-pool. Names are unique and are what an
 * operator reads in `rsm view` and in pool paths ("Free\LTO-8"). MediaType
 * is the STORAGE_MEDIA_TYPE code a drive reports for the cartridge; several
 * of our types share a code where Windows never defined a finer one, so the
 * code alone does not identify a type (store_find_media_type takes both).
 *
 * Code choices where winioctl.h has no exact value:
 *   - all LTO generations, data and WORM: LTO_Ultrium (0x56); LTO_Accelis
 *     was a different, never-shipped cartridge.
 *   - SDLT, SDLT II and DLT-S4: DLT (0x27), the only DLT-family code.
 *   - DAT 72/160/320 (DDS-5..7): DDS_4mm (0x20), like DDS-1..4.
 *   - AIT-2 and later: AIT_8mm (0x59, "AIT2 or higher"); AIT-1 has its own
 *     code AIT1_8mm (0x26) and so its own type.
 *   - IBM 3592 (TS11x0): IBM_Magstar_3590 (0x2b), the half-inch IBM
 *     enterprise family it succeeds.
 *   - StorageTek T10000: STK_9940 (0x5c), the single-reel StorageTek
 *     cartridge it succeeds (SAIT is Sony's, a different cartridge).
 *   - DVD+R and DVD+RW: DVD_R (0x37) and DVD_RW (0x38); the plus formats
 *     differ only in recording, and drives handle both.
 *   - BD-R and BD-RE: DVD_R and DVD_RW, the nearest write-once and
 *     rewritable optical codes a DVD-class (FILE_DEVICE_DVD) drive reports.
 *   - RDX: 0x0b, MEDIA_TYPE's RemovableMedia ("removable media other than
 *     floppy"); STORAGE_MEDIA_TYPE continues MEDIA_TYPE, so the value is
 *     legal here, and an RDX cartridge is a disk behind a removable-disk
 *     interface.
 *   - cleaners: CLEANER_CARTRIDGE (0x32) for all; they are read-only (nothing
 *     can be written to them) and tape-class.
 * NumberOfSides is 2 only for the two-sided 5.25" magneto-optical disk.
 * DVD and BD media use FILE_DEVICE_DVD, CDs FILE_DEVICE_CD_ROM, MO and RDX
 * FILE_DEVICE_DISK, everything else FILE_DEVICE_TAPE.
 */
#include "model_int.h"

/* MEDIA_TYPE RemovableMedia (winioctl.h); see above. */
#define MODEL_REMOVABLE_DISK_CODE 0x0bu

#define ONE_SIDE(name, desc, code, rw, dev) { name, desc, code, 1, rw, dev }
#define TAPE(name, desc, code) ONE_SIDE(name, desc, code, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_TAPE)
#define TAPE_WORM(name, desc, code) ONE_SIDE(name, desc, code, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_TAPE)
#define CLEANER(name, desc) ONE_SIDE(name, desc, CLEANER_CARTRIDGE, NTMS_MEDIARW_READONLY, FILE_DEVICE_TAPE)
#define LTO(n) TAPE("LTO-" #n, "LTO Ultrium " #n " data cartridge", LTO_Ultrium)
#define LTO_WORM(n) TAPE_WORM("LTO-" #n " WORM", "LTO Ultrium " #n " WORM cartridge", LTO_Ultrium)

const model_media_type_t model_catalogue[] = {
    LTO(1), LTO(2), LTO(3), LTO(4), LTO(5), LTO(6), LTO(7), LTO(8), LTO(9),
    LTO_WORM(3), LTO_WORM(4), LTO_WORM(5), LTO_WORM(6), LTO_WORM(7), LTO_WORM(8), LTO_WORM(9),
    TAPE("DLT", "DLT IIIxt/IV compact tape", DLT),
    TAPE("SDLT", "Super DLT I/II and DLT-S4 tape", DLT),
    TAPE("DDS", "DDS-1 to DDS-4 4 mm DAT tape", DDS_4mm),
    TAPE("DAT 72", "DAT 72 (DDS-5) 4 mm tape", DDS_4mm),
    TAPE("DAT 160", "DAT 160 (DDS-6) 4 mm tape", DDS_4mm),
    TAPE("DAT 320", "DAT 320 (DDS-7) 4 mm tape", DDS_4mm),
    TAPE("AIT-1", "Sony AIT-1 8 mm tape", AIT1_8mm),
    TAPE("AIT", "Sony AIT-2 to AIT-5 8 mm tape", AIT_8mm),
    TAPE("3592", "IBM 3592 (TS1120 and later) half-inch tape", IBM_Magstar_3590),
    TAPE("T10000", "StorageTek T10000 half-inch tape", STK_9940),
    ONE_SIDE("CD-ROM", "Pressed CD", CD_ROM, NTMS_MEDIARW_READONLY, FILE_DEVICE_CD_ROM),
    ONE_SIDE("CD-R", "Recordable CD", CD_R, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_CD_ROM),
    ONE_SIDE("CD-RW", "Rewritable CD", CD_RW, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_CD_ROM),
    ONE_SIDE("DVD-ROM", "Pressed DVD", DVD_ROM, NTMS_MEDIARW_READONLY, FILE_DEVICE_DVD),
    ONE_SIDE("DVD-R", "Recordable DVD (dash)", DVD_R, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_DVD),
    ONE_SIDE("DVD+R", "Recordable DVD (plus)", DVD_R, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_DVD),
    ONE_SIDE("DVD-RW", "Rewritable DVD (dash)", DVD_RW, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DVD),
    ONE_SIDE("DVD+RW", "Rewritable DVD (plus)", DVD_RW, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DVD),
    ONE_SIDE("DVD-RAM", "DVD-RAM", DVD_RAM, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DVD),
    ONE_SIDE("BD-R", "Recordable Blu-ray disc", DVD_R, NTMS_MEDIARW_WRITEONCE, FILE_DEVICE_DVD),
    ONE_SIDE("BD-RE", "Rewritable Blu-ray disc", DVD_RW, NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DVD),
    { "MO 5.25\" RW", "Two-sided 5.25\" rewritable magneto-optical disk", MO_5_RW, 2,
      NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DISK },
    ONE_SIDE("RDX", "RDX removable disk cartridge", MODEL_REMOVABLE_DISK_CODE,
             NTMS_MEDIARW_REWRITABLE, FILE_DEVICE_DISK),
    CLEANER("LTO Cleaner", "LTO Ultrium universal cleaning cartridge"),
    CLEANER("DLT Cleaner", "DLT/SDLT cleaning cartridge"),
    CLEANER("DDS Cleaner", "4 mm DDS/DAT cleaning cartridge"),
    CLEANER("Cleaner", "Cleaning cartridge of any other drive type"),
};

const size_t model_catalogue_len = sizeof(model_catalogue) / sizeof(model_catalogue[0]);

void model_catalogue_record(const model_media_type_t *mt, NTMS_OBJECTINFORMATIONA *rec)
{
    rec->dwSize = sizeof(*rec);
    rec->dwType = NTMS_MEDIA_TYPE;
    rec->Enabled = TRUE;
    rec->dwOperationalState = NTMS_READY;
    model_copy_name(rec->szName, sizeof(rec->szName), mt->name);
    model_copy_name(rec->szDescription, sizeof(rec->szDescription), mt->description);
    rec->Info.MediaType.MediaType = mt->code;
    rec->Info.MediaType.NumberOfSides = mt->sides;
    rec->Info.MediaType.ReadWriteCharacteristics = mt->rw;
    rec->Info.MediaType.DeviceType = mt->device;
}
