// The object type of ccdafhir's Json: a flat vector of (key, value) pairs in insertion order,
// like nlohmann::ordered_map, but with a mutable key. ordered_map stores pair<const Key, T>,
// whose move constructor can throw (the const key is copied), so std::vector copies rather
// than moves every member each time an object built field by field grows: a deep copy of the
// subtree per growth. Here the pair moves (noexcept), and lookups are linear scans, which beat
// a tree or hash on FHIR objects of a handful of keys. Output order is insertion order.
#pragma once

#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace ccdafhir {

template <class Key, class T, class IgnoredLess = std::less<Key>,
          class Allocator = std::allocator<std::pair<Key, T>>>
struct JsonObjectMap : std::vector<std::pair<Key, T>> {
  using key_type = Key;
  using mapped_type = T;
  using Container = std::vector<std::pair<Key, T>>;
  using iterator = typename Container::iterator;
  using const_iterator = typename Container::const_iterator;
  using size_type = typename Container::size_type;
  using value_type = typename Container::value_type;
  using key_compare = std::equal_to<>;

  JsonObjectMap() noexcept = default;
  template <class Alloc>
  explicit JsonObjectMap(const Alloc& /*alloc*/) noexcept {}
  template <class It, class Alloc = Allocator>
  JsonObjectMap(It first, It last, const Alloc& /*alloc*/ = Alloc()) : Container(first, last) {}
  template <class Alloc = Allocator>
  JsonObjectMap(std::initializer_list<value_type> init, const Alloc& /*alloc*/ = Alloc())
      : Container(init) {}

  // A key type usable for lookup: std::string, std::string_view, const char*, ...
  template <class K>
  using if_key = std::enable_if_t<
      !std::is_convertible_v<K, const_iterator> && !std::is_convertible_v<K, iterator>, int>;

  template <class K, if_key<K> = 0>
  iterator find(const K& key) {
    for (auto it = this->begin(); it != this->end(); ++it)
      if (it->first == key) return it;
    return this->end();
  }
  template <class K, if_key<K> = 0>
  const_iterator find(const K& key) const {
    for (auto it = this->begin(); it != this->end(); ++it)
      if (it->first == key) return it;
    return this->end();
  }

  template <class K, if_key<K> = 0>
  std::pair<iterator, bool> emplace(K&& key, T&& t) {
    if (auto it = find(key); it != this->end()) return {it, false};
    grow();
    Container::emplace_back(std::forward<K>(key), std::move(t));
    return {std::prev(this->end()), true};
  }

  template <class K, if_key<K> = 0>
  T& operator[](K&& key) {
    return emplace(std::forward<K>(key), T{}).first->second;
  }
  template <class K, if_key<K> = 0>
  const T& operator[](const K& key) const {
    return at(key);
  }

  template <class K, if_key<K> = 0>
  T& at(const K& key) {
    if (auto it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }
  template <class K, if_key<K> = 0>
  const T& at(const K& key) const {
    if (auto it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }

  template <class K, if_key<K> = 0>
  size_type count(const K& key) const {
    return find(key) == this->end() ? 0 : 1;
  }

  template <class K, if_key<K> = 0>
  size_type erase(const K& key) {
    auto it = find(key);
    if (it == this->end()) return 0;
    Container::erase(it);
    return 1;
  }
  iterator erase(iterator pos) { return Container::erase(pos); }
  iterator erase(iterator first, iterator last) { return Container::erase(first, last); }
  iterator erase(const_iterator pos) { return Container::erase(pos); }
  iterator erase(const_iterator first, const_iterator last) {
    return Container::erase(first, last);
  }

  std::pair<iterator, bool> insert(value_type&& value) {
    return emplace(std::move(value.first), std::move(value.second));
  }
  std::pair<iterator, bool> insert(const value_type& value) {
    if (auto it = find(value.first); it != this->end()) return {it, false};
    grow();
    Container::push_back(value);
    return {std::prev(this->end()), true};
  }
  template <
      class InputIt,
      class = std::enable_if_t<std::is_convertible_v<
          typename std::iterator_traits<InputIt>::iterator_category, std::input_iterator_tag>>>
  void insert(InputIt first, InputIt last) {
    for (auto it = first; it != last; ++it) insert(*it);
  }

 private:
  // Objects are small: the first member reserves room for four, sparing the 1-2-4 growth.
  void grow() {
    if (this->capacity() == 0) this->reserve(4);
  }
};

}  // namespace ccdafhir
