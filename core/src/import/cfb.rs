//! Just enough of the OLE compound file format to take one stream out of an .xls, so that its
//! sheets can be measured before calamine reads them whole (calamine's own reader is private).
//! Anything malformed answers `None`: calamine then reads the file and says what is wrong.

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const DIR_ENTRY: usize = 128;

struct Compound<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
}

impl Compound<'_> {
    fn sector(&self, id: u32) -> Option<&[u8]> {
        let size = 1usize << self.shift;
        let start = (id as usize).checked_add(1)?.checked_mul(size)?;
        self.bytes.get(start..start.checked_add(size)?)
    }

    /// The sectors of a chain, in order; a loop or a chain longer than the file is malformed.
    fn chain(&self, table: &[u32], start: u32, unit: usize) -> Option<Vec<u32>> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            if ids.len() > self.bytes.len() / unit {
                return None;
            }
            ids.push(id);
            id = *table.get(id as usize)?;
        }
        Some(ids)
    }

    fn read(&self, start: u32) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for id in self.chain(&self.fat, start, 1 << self.shift)? {
            out.extend_from_slice(self.sector(id)?);
        }
        Some(out)
    }
}

/// The stream named one of `names` (the workbook stream is «Workbook», or «Book» in old files).
pub fn stream(bytes: &[u8], names: &[&str]) -> Option<Vec<u8>> {
    let shift = u32::from(u16_at(bytes, 0x1E)?);
    let mini_shift = u32::from(u16_at(bytes, 0x20)?);
    if !(7..=16).contains(&shift) || mini_shift >= shift {
        return None;
    }
    let mut compound = Compound { bytes, shift, fat: Vec::new() };
    // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).collect();
    let mut difat = u32_at(bytes, 0x44)?;
    let per_sector = (1usize << shift) / 4;
    // A file holds no more sectors than its length allows: a FAT listing more, or one sector
    // twice (a loop), is not a workbook, and would otherwise build a table of gigabytes.
    let sectors = bytes.len() >> shift;
    let mut seen = std::collections::HashSet::new();
    while difat < END_OF_CHAIN && fat_sectors.len() <= sectors {
        if !seen.insert(difat) {
            return None;
        }
        let sector = compound.sector(difat)?;
        fat_sectors.extend((0..per_sector - 1).filter_map(|i| u32_at(sector, 4 * i)));
        difat = u32_at(sector, 4 * (per_sector - 1))?;
    }
    fat_sectors.retain(|id| *id < END_OF_CHAIN - 1);
    seen.clear();
    if fat_sectors.len() > sectors || !fat_sectors.iter().all(|id| seen.insert(*id)) {
        return None;
    }
    let mut fat = Vec::new();
    for id in fat_sectors {
        let sector = compound.sector(id)?;
        fat.extend((0..per_sector).filter_map(|i| u32_at(sector, 4 * i)));
    }
    compound.fat = fat;
    let directory = compound.read(u32_at(bytes, 0x30)?)?;
    let entry = |i: usize| directory.get(i * DIR_ENTRY..(i + 1) * DIR_ENTRY);
    let root = entry(0)?;
    let found = (1..directory.len() / DIR_ENTRY).filter_map(entry).find(|e| {
        let length = usize::from(u16_at(e, 64).unwrap_or(0)).min(64);
        let name: Vec<u16> = (0..length.saturating_sub(2) / 2).filter_map(|i| u16_at(e, 2 * i)).collect();
        e[66] == 2 && names.iter().any(|n| n.encode_utf16().eq(name.iter().copied()))
    })?;
    let start = u32_at(found, 116)?;
    let size = (u32_at(found, 120)? as usize).min(bytes.len());
    let mut data = if size < u32_at(bytes, 0x38)? as usize {
        // A small stream lives in the mini stream, in sectors of its own table.
        let mini_stream = compound.read(u32_at(root, 116)?)?;
        let mini_fat_bytes = compound.read(u32_at(bytes, 0x3C)?).unwrap_or_default();
        let mini_fat: Vec<u32> =
            (0..mini_fat_bytes.len() / 4).filter_map(|i| u32_at(&mini_fat_bytes, 4 * i)).collect();
        let unit = 1usize << mini_shift;
        let mut out = Vec::new();
        for id in compound.chain(&mini_fat, start, unit)? {
            let at = id as usize * unit;
            out.extend_from_slice(mini_stream.get(at..at + unit)?);
        }
        out
    } else {
        compound.read(start)?
    };
    data.truncate(size);
    Some(data)
}
