#include "engine/catalog/catalog.h"

#include <algorithm>

namespace strata::engine {

std::shared_ptr<TableEntry> Catalog::findTable(std::string_view name, const ReadView &view) const
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_tables.rbegin(); it != m_tables.rend(); ++it)
        if (equalsIgnoreCase((*it)->schema->name, name) && (*it)->visibleTo(view))
            return *it;
    return nullptr;
}

std::shared_ptr<TableEntry> Catalog::findTableById(uint64_t id, const ReadView &view) const
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_tables.rbegin(); it != m_tables.rend(); ++it)
        if ((*it)->schema->id == id && (*it)->visibleTo(view))
            return *it;
    return nullptr;
}

std::shared_ptr<TableEntry> Catalog::findLatest(std::string_view name) const
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_tables.rbegin(); it != m_tables.rend(); ++it)
        if (equalsIgnoreCase((*it)->schema->name, name) && (*it)->isLatest())
            return *it;
    return nullptr;
}

std::vector<std::shared_ptr<TableEntry>> Catalog::tables(const ReadView &view) const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::shared_ptr<TableEntry>> out;
    for (const auto &t : m_tables)
        if (t->visibleTo(view))
            out.push_back(t);
    std::sort(out.begin(), out.end(),
              [](const auto &a, const auto &b) { return a->schema->name < b->schema->name; });
    return out;
}

std::shared_ptr<IndexEntry> Catalog::findIndex(std::string_view name, const ReadView &view) const
{
    std::lock_guard lock(m_mutex);
    for (const auto &i : m_indexes)
        if (equalsIgnoreCase(i->def.name, name) && i->visibleTo(view))
            return i;
    return nullptr;
}

std::shared_ptr<IndexEntry> Catalog::findLatestIndex(std::string_view name) const
{
    std::lock_guard lock(m_mutex);
    for (const auto &i : m_indexes)
        if (equalsIgnoreCase(i->def.name, name) && i->end.load() == kInfinity)
            return i;
    return nullptr;
}

std::vector<std::shared_ptr<IndexEntry>> Catalog::indexesOf(uint64_t tableId,
                                                            const ReadView &view) const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::shared_ptr<IndexEntry>> out;
    for (const auto &i : m_indexes)
        if (i->def.tableId == tableId && i->visibleTo(view))
            out.push_back(i);
    return out;
}

std::shared_ptr<ViewEntry> Catalog::findView(std::string_view name, const ReadView &view) const
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_views.rbegin(); it != m_views.rend(); ++it)
        if (equalsIgnoreCase((*it)->def.name, name) && (*it)->visibleTo(view))
            return *it;
    return nullptr;
}

std::shared_ptr<ViewEntry> Catalog::findLatestView(std::string_view name) const
{
    std::lock_guard lock(m_mutex);
    for (auto it = m_views.rbegin(); it != m_views.rend(); ++it)
        if (equalsIgnoreCase((*it)->def.name, name) && (*it)->end.load() == kInfinity)
            return *it;
    return nullptr;
}

std::vector<std::shared_ptr<ViewEntry>> Catalog::views(const ReadView &view) const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::shared_ptr<ViewEntry>> out;
    for (const auto &v : m_views)
        if (v->visibleTo(view))
            out.push_back(v);
    std::sort(out.begin(), out.end(),
              [](const auto &a, const auto &b) { return a->def.name < b->def.name; });
    return out;
}

void Catalog::addView(std::shared_ptr<ViewEntry> entry)
{
    std::lock_guard lock(m_mutex);
    m_views.push_back(std::move(entry));
}

void Catalog::removeView(const ViewEntry *entry)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_views, [&](const auto &v) { return v.get() == entry; });
}

void Catalog::addTable(std::shared_ptr<TableEntry> entry)
{
    std::lock_guard lock(m_mutex);
    m_tables.push_back(std::move(entry));
}

void Catalog::addIndex(std::shared_ptr<IndexEntry> entry)
{
    std::lock_guard lock(m_mutex);
    m_indexes.push_back(std::move(entry));
}

void Catalog::removeTable(const TableEntry *entry)
{
    std::lock_guard lock(m_mutex);
    m_tables.erase(std::remove_if(m_tables.begin(), m_tables.end(),
                                  [&](const auto &t) { return t.get() == entry; }),
                   m_tables.end());
}

void Catalog::removeIndex(const IndexEntry *entry)
{
    std::lock_guard lock(m_mutex);
    m_indexes.erase(std::remove_if(m_indexes.begin(), m_indexes.end(),
                                   [&](const auto &i) { return i.get() == entry; }),
                    m_indexes.end());
}

std::vector<std::shared_ptr<TableHeap>> Catalog::collectGarbage(uint64_t oldestTs)
{
    std::lock_guard lock(m_mutex);
    auto dead = [&](uint64_t e) { return isCommittedTs(e) && e <= oldestTs; };
    std::vector<std::shared_ptr<TableHeap>> candidates;
    auto it = std::remove_if(m_tables.begin(), m_tables.end(), [&](const auto &t) {
        if (!dead(t->end.load()))
            return false;
        candidates.push_back(t->heap);
        return true;
    });
    m_tables.erase(it, m_tables.end());
    m_indexes.erase(std::remove_if(m_indexes.begin(), m_indexes.end(),
                                   [&](const auto &i) { return dead(i->end.load()); }),
                    m_indexes.end());
    std::erase_if(m_views, [&](const auto &v) { return dead(v->end.load()); });
    std::vector<std::shared_ptr<TableHeap>> orphans;
    for (const auto &heap : candidates) {
        const bool used = std::any_of(m_tables.begin(), m_tables.end(),
                                      [&](const auto &t) { return t->heap == heap; });
        if (!used && std::find(orphans.begin(), orphans.end(), heap) == orphans.end())
            orphans.push_back(heap);
    }
    return orphans;
}

std::vector<std::shared_ptr<TableEntry>> Catalog::allTables() const
{
    std::lock_guard lock(m_mutex);
    return m_tables;
}

std::vector<std::shared_ptr<TableEntry>> Catalog::newestPerHeap() const
{
    std::lock_guard lock(m_mutex);
    std::vector<std::shared_ptr<TableEntry>> out;
    // Entries are appended as they are made, so the last one of a heap has its newest schema.
    for (auto it = m_tables.rbegin(); it != m_tables.rend(); ++it) {
        const bool seen = std::any_of(out.begin(), out.end(),
                                      [&](const auto &e) { return e->heap == (*it)->heap; });
        if (!seen)
            out.push_back(*it);
    }
    return out;
}

std::vector<std::shared_ptr<IndexEntry>> Catalog::allIndexes() const
{
    std::lock_guard lock(m_mutex);
    return m_indexes;
}

void Catalog::noteTableId(uint64_t id)
{
    uint64_t cur = m_nextTableId.load();
    while (cur <= id && !m_nextTableId.compare_exchange_weak(cur, id + 1)) {
    }
}

bool Catalog::claimSchema(uint64_t txnMarker)
{
    std::lock_guard lock(m_mutex);
    if (m_schemaOwner && m_schemaOwner != txnMarker)
        return false;
    m_schemaOwner = txnMarker;
    return true;
}

void Catalog::releaseSchema(uint64_t txnMarker)
{
    std::lock_guard lock(m_mutex);
    if (m_schemaOwner == txnMarker)
        m_schemaOwner = 0;
}

} // namespace strata::engine
